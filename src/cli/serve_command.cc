// unspin serve: detect, restore, check and trace over HTTP, the model loaded
// once. Requests and answers are the JSON of the commands' --json modes.
#include <httplib.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "base/parallel.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "server/http_api.h"
#include "trace/trace_index.h"
#include "unspin/detector.h"
#include "unspin/restorer.h"

namespace unspin::cli {
namespace {

struct ServeFlags {
  ModelFlags model;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::vector<std::string> fingerprints;
  std::string index;
  size_t max_bytes = 16 << 20;
  unsigned threads = 0;  // 0: all cores
};

int Run(const ServeFlags& f) {
  server::Service s;
  Status st = LoadModel(f.model, &s.model);
  if (!st.ok()) return ReportError(st);
  s.detector = std::make_unique<Detector>(*s.model, DetectOptions());
  st = AddFingerprintLists(f.fingerprints, s.detector.get());
  if (!st.ok()) return ReportError(st);
  st = LoadRestoreModel(f.model, &s.restore_model);  // a learned --dict: restore's own view
  if (!st.ok()) return ReportError(st);
  s.restorer =
      std::make_unique<Restorer>(s.restore_model ? *s.restore_model : *s.model, RestoreOptions());
  st = AddFingerprintLists(f.fingerprints, s.restorer.get());
  if (!st.ok()) return ReportError(st);
  if (!f.index.empty()) {
    st = TraceIndex::Open(f.index, &s.index);
    if (st.ok()) st = OpenModel(f.model.model, &s.trace_model);  // as `unspin trace`: no --dict
    if (st.ok()) st = s.index->CheckLexicon(s.trace_model->lexicon());
    if (!st.ok()) return ReportError(st);
  }
  // SIGINT and SIGTERM stop the server cleanly: they are blocked here (the
  // server's threads inherit the mask) and a thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server server;
  const unsigned threads = ResolveThreads(f.threads);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(f.max_bytes);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let
  // a second server share the port silently instead of failing.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server::Route(&server, s);
  int port = f.port;
  if (port == 0) {
    port = server.bind_to_any_port(f.host);
  } else if (!server.bind_to_port(f.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return ReportError("cannot listen on " + f.host + ":" + std::to_string(f.port) +
                       " (address in use or not local?); pick another with --host/--port");
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop();
  });
  std::fprintf(stderr, "unspin serve: listening on http://%s:%d (model %s, %u threads)\n",
               f.host.c_str(), port, s.model->path().c_str(), threads);
  std::fflush(stderr);
  const bool ok = server.listen_after_bind();
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if it still waits
  waiter.join();
  if (!ok) return ReportError("the server stopped on an error");
  std::fprintf(stderr, "unspin serve: stopped\n");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App* app, int* exit_code) {
  static ServeFlags f;
  auto* cmd = app->add_subcommand(
      "serve",
      "HTTP API: POST text (plain, or JSON {\"id\",\"text\"}) to /detect, /restore, /check or "
      "/trace and get the JSON of the commands' --json modes; GET /health; GET / is a form "
      "for people (paste a text, read check's HTML report)");
  AddModelFlags(cmd, &f.model);
  cmd->add_option("--host", f.host, "address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--port", f.port, "port (default 8080; 0 picks a free one, printed on stderr)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--fingerprints", f.fingerprints,
                  "known tortured phrases for /detect, /restore and /check, TSV "
                  "tortured<TAB>expected: always flagged and restored; repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--index", f.index, "trace index directory for /trace (unspin index build)");
  cmd->add_option("--max-bytes", f.max_bytes,
                  "largest request body accepted; larger ones get 413 (default 16 MiB)");
  cmd->add_option("--threads", f.threads, "requests served at once (default: all cores)");
  cmd->callback([exit_code] { *exit_code = Run(f); });
}

}  // namespace unspin::cli

// unspin serve: detect, restore, check and trace over HTTP, the model loaded
// once. Requests and answers are the JSON of the commands' --json modes.
#include <httplib.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "base/parallel.h"
#include "cli/batch.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/report_json.h"
#include "trace/trace_index.h"
#include "unspin/detector.h"
#include "unspin/restorer.h"

namespace unspin::cli {
namespace {

struct ServeFlags {
  ModelFlags model;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string fingerprints, index;
  size_t max_bytes = 16 << 20;
  unsigned threads = 0;  // 0: all cores
};

// What the handlers share; every member is safe to use from many threads.
struct Service {
  std::unique_ptr<Model> model;
  std::unique_ptr<Detector> detector;
  std::unique_ptr<Restorer> restorer;
  std::unique_ptr<TraceIndex> index;  // null without --index
};

void SendJson(httplib::Response& res, int status, const nlohmann::json& j) {
  res.status = status;
  res.set_content(DumpJson(j) + "\n", "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, {{"error", message}});
}

// The request's text: a JSON body's "text" (Content-Type application/json),
// else the body itself. A JSON body's "id" is copied into `echo`. Returns
// false after answering 400.
bool TextOf(const httplib::Request& req, httplib::Response& res, std::string* text,
            nlohmann::json* echo) {
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    *text = req.body;
    return true;
  }
  nlohmann::json j = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    SendError(res, 400,
              "request body is not a JSON object; send {\"text\": \"...\"} or plain text");
    return false;
  }
  auto it = j.find("text");
  if (it == j.end() || !it->is_string()) {
    SendError(res, 400, "request JSON has no string \"text\" field");
    return false;
  }
  *text = it->get<std::string>();
  if (j.contains("id")) (*echo)["id"] = j["id"];
  return true;
}

bool Explain(const httplib::Request& req) {
  const std::string v = req.get_param_value("explain");
  return !v.empty() && v != "0" && v != "false";
}

nlohmann::json RestoreJson(const Service& s, const std::string& text, bool explain) {
  RestoreResult r;
  s.restorer->Restore(text, &r);
  return {{"text", r.text}, {"edits", EditsJson(r.edits, explain)}};
}

void Route(httplib::Server* server, const Service& s) {
  server->Get("/health", [&s](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200,
             {{"status", "ok"},
              {"model", s.model->path()},
              {"trace", s.index != nullptr},
              {"endpoints", {"/detect", "/restore", "/check", "/trace"}}});
  });
  auto post = [server](const char* path, auto handler) {
    server->Post(path, [handler](const httplib::Request& req, httplib::Response& res) {
      std::string text;
      nlohmann::json out = nlohmann::json::object();
      if (!TextOf(req, res, &text, &out)) return;
      handler(req, text, &out);
      SendJson(res, 200, out);
    });
  };
  post("/detect", [&s](const httplib::Request& req, const std::string& text, nlohmann::json* out) {
    DetectReport r;
    s.detector->Detect(text, &r);
    out->update(ReportJson(r, Explain(req)));
  });
  post("/restore", [&s](const httplib::Request& req, const std::string& text, nlohmann::json* out) {
    out->update(RestoreJson(s, text, Explain(req)));
  });
  post("/check", [&s](const httplib::Request& req, const std::string& text, nlohmann::json* out) {
    DetectReport r;
    s.detector->Detect(text, &r);
    (*out)["detect"] = ReportJson(r, Explain(req));
    (*out)["restore"] = RestoreJson(s, text, Explain(req));
  });
  server->Post("/trace", [&s](const httplib::Request& req, httplib::Response& res) {
    if (s.index == nullptr) {
      SendError(res, 404, "no trace index: start the server with --index DIR");
      return;
    }
    std::string text;
    nlohmann::json out = nlohmann::json::object();
    if (!TextOf(req, res, &text, &out)) return;
    std::vector<TraceMatch> matches;
    s.index->Trace(s.model->lexicon(), text, TraceOptions(), &matches);
    out["matches"] = MatchesJson(matches);
    SendJson(res, 200, out);
  });
  // Unrouted paths and wrong methods get a JSON body too (handlers' own
  // errors already have one).
  server->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      SendError(res, 404,
                "no endpoint " + req.method + " " + req.path +
                    "; POST /detect, /restore, /check or /trace, GET /health");
    } else if (res.status == 413) {
      SendError(res, 413, "request body too large (see --max-bytes)");
    } else {
      SendError(res, res.status, "HTTP " + std::to_string(res.status));
    }
  });
  server->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "internal error";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what += std::string(": ") + e.what();
        } catch (...) {
        }
        SendError(res, 500, what);
      });
}

int Run(const ServeFlags& f) {
  Service s;
  Status st = LoadModel(f.model, &s.model);
  if (!st.ok()) return ReportError(st);
  s.detector = std::make_unique<Detector>(*s.model, DetectOptions());
  if (!f.fingerprints.empty()) {
    st = s.detector->AddFingerprints(f.fingerprints);
    if (!st.ok()) return ReportError(st);
  }
  s.restorer = std::make_unique<Restorer>(*s.model, RestoreOptions());
  if (!f.index.empty()) {
    st = TraceIndex::Open(f.index, &s.index);
    if (st.ok()) st = s.index->CheckLexicon(s.model->lexicon());
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
  Route(&server, s);
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
      "/trace and get the JSON of the commands' --json modes; GET /health");
  AddModelFlags(cmd, &f.model);
  cmd->add_option("--host", f.host, "address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--port", f.port, "port (default 8080; 0 picks a free one, printed on stderr)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--fingerprints", f.fingerprints,
                  "known tortured phrases for /detect and /check, TSV tortured<TAB>expected");
  cmd->add_option("--index", f.index, "trace index directory for /trace (unspin index build)");
  cmd->add_option("--max-bytes", f.max_bytes,
                  "largest request body accepted; larger ones get 413 (default 16 MiB)");
  cmd->add_option("--threads", f.threads, "requests served at once (default: all cores)");
  cmd->callback([exit_code] { *exit_code = Run(f); });
}

}  // namespace unspin::cli

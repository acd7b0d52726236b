// The HTTP API of `unspin serve`: routes that answer with the JSON of the
// commands' --json modes (cli/report_json.h). The server's life (sockets,
// threads, signals) belongs to the serve command.
#ifndef UNSPIN_SERVER_HTTP_API_H_
#define UNSPIN_SERVER_HTTP_API_H_

#include <httplib.h>

#include <memory>

#include "trace/trace_index.h"
#include "unspin/detector.h"
#include "unspin/model.h"
#include "unspin/restorer.h"

namespace unspin::server {

// What the handlers share; every member is safe to use from many threads.
struct Service {
  std::unique_ptr<Model> model;
  // The pack as restore reads a learned --dict (cli::DictionaryReading); null
  // when `model` serves restore too.
  std::unique_ptr<Model> restore_model;
  std::unique_ptr<Detector> detector;
  std::unique_ptr<Restorer> restorer;
  std::unique_ptr<TraceIndex> index;  // null without --index
  // The pack as the index was built with it (without run-time dictionaries,
  // which /detect and /restore use); null without --index.
  std::unique_ptr<Model> trace_model;
};

// Adds POST /detect, /restore, /check, /trace, GET /health, the form for
// people (GET / and POST /: check's HTML report), and JSON
// bodies for errors. `s` must outlive the server.
void Route(httplib::Server* server, const Service& s);

}  // namespace unspin::server

#endif  // UNSPIN_SERVER_HTTP_API_H_

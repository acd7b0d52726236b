#include "server/http_api.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cli/batch.h"
#include "cli/check_report.h"
#include "cli/html_input.h"
#include "cli/report_json.h"
#include "text/text_check.h"

namespace unspin::server {
namespace {

using cli::DumpJson;
using cli::MatchesJson;
using cli::ReportJson;

void SendJson(httplib::Response& res, int status, const nlohmann::json& j) {
  res.status = status;
  res.set_content(DumpJson(j) + "\n", "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, {{"error", message}});
}

// Reads the request's whole body into `body`; answers 413 (over
// --max-bytes) or 400 and returns false when it cannot.
bool ReadBody(const httplib::ContentReader& reader, httplib::Response& res, std::string* body) {
  const bool read = reader([body](const char* data, size_t n) {
    body->append(data, n);
    return true;
  });
  if (!read) {  // httplib sets 413 for a body over the limit
    if (res.status == 413) {
      SendError(res, 413, "request body too large (see --max-bytes)");
    } else {
      SendError(res, 400, "could not read the request body");
    }
  }
  return read;
}

// Whether `text` is text (CheckReadableText); answers 400 when not.
bool Readable(std::string_view text, std::string_view what, httplib::Response& res) {
  const Status s = CheckReadableText(text, what);
  if (!s.ok()) SendError(res, 400, s.message());
  return s.ok();
}

// The request's text: a JSON body's "text" (Content-Type application/json),
// else the body itself. A JSON body's "id" is copied into `echo`. Returns
// false after answering 400.
bool TextOf(const httplib::Request& req, std::string&& body, httplib::Response& res,
            std::string* text, nlohmann::json* echo) {
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    *text = std::move(body);
    return Readable(*text, "request body", res);
  }
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
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
  return Readable(*text, "request \"text\"", res);
}

// Whether the query string sets `name` ("?explain=1"; "0" and "false" do not).
// Whether a flag's value turns it on: anything but "", "0" and "false".
bool IsOn(const std::string& value) { return !value.empty() && value != "0" && value != "false"; }

bool Flag(const httplib::Request& req, const char* name) { return IsOn(req.get_param_value(name)); }

bool Explain(const httplib::Request& req) { return Flag(req, "explain"); }

// Whether the text is an HTML page: "?html=1", or a Content-Type of text/html.
bool Html(const httplib::Request& req) {
  return Flag(req, "html") || req.get_header_value("Content-Type").rfind("text/html", 0) == 0;
}

// The detector's report on `text` (on the text a reader of the page sees,
// offsets in the page's bytes, when `html`).
nlohmann::json DetectJson(const Service& s, const std::string& text, bool html, bool explain) {
  DetectReport r;
  cli::DetectText(*s.detector, text, html, &r);
  return ReportJson(r, explain);
}

nlohmann::json RestoreJson(const Service& s, const std::string& text, bool html, bool explain) {
  RestoreResult r;
  cli::RestoreText(*s.restorer, text, html, &r);
  return cli::RestoreJson(r, explain);
}

}  // namespace

void Route(httplib::Server* server, const Service& s) {
  server->Get("/health", [&s](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200,
             {{"status", "ok"},
              {"model", s.model->path()},
              {"trace", s.index != nullptr},
              {"endpoints", {"/detect", "/restore", "/check", "/trace"}},
              {"form", "/"}});
  });
  // POST `path`: the body is read raw whatever its Content-Type (httplib
  // would parse a form-urlencoded body, curl's and urllib's default type,
  // itself and refuse one over 8 KiB). `handler` fills the answer, or sends
  // an error and returns false.
  auto post = [server](const char* path, auto handler) {
    server->Post(path, [handler](const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader) {
      std::string body, text;
      if (!ReadBody(reader, res, &body)) return;
      nlohmann::json out = nlohmann::json::object();
      if (!TextOf(req, std::move(body), res, &text, &out)) return;
      if (handler(req, text, res, &out)) SendJson(res, 200, out);
    });
  };
  // The form for people (GET /) and its answer (POST /, form-urlencoded
  // "text" and "html"): check's HTML report, or an HTML page with the error.
  server->Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(cli::CheckFormHtml("/"), "text/html; charset=utf-8");
  });
  server->Post("/", [&s](const httplib::Request& req, httplib::Response& res,
                         const httplib::ContentReader& reader) {
    std::string body;
    if (!ReadBody(reader, res, &body)) return;
    if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0) {
      SendError(res, 415,
                "POST / takes the form's fields (application/x-www-form-urlencoded); the API "
                "is POST /detect, /restore, /check or /trace");
      return;
    }
    httplib::Params form;
    httplib::detail::parse_query_text(body, form);
    auto field = [&form](const char* name) {
      auto it = form.find(name);
      return it == form.end() ? std::string() : it->second;
    };
    const std::string text = field("text");
    Status readable = form.contains("text") ? CheckReadableText(text, "the form's text")
                                            : Status::InvalidArgument(
                                                  "the form has no field \"text\"; programs "
                                                  "POST plain text to /check");
    if (!readable.ok()) {
      res.status = 400;
      res.set_content(cli::CheckErrorHtml(readable.message(), "/"), "text/html; charset=utf-8");
      return;
    }
    const bool html = IsOn(field("html"));
    const cli::CheckedText c = cli::CheckReaderText(*s.detector, *s.restorer, text, html);
    res.set_content(cli::CheckReportHtml(c.text, c.detect, c.restored, "/"),
                    "text/html; charset=utf-8");
  });
  using Req = const httplib::Request&;
  using Text = const std::string&;
  using Out = nlohmann::json*;
  post("/detect", [&s](Req req, Text text, httplib::Response&, Out out) {
    out->update(DetectJson(s, text, Html(req), Explain(req)));
    return true;
  });
  post("/restore", [&s](Req req, Text text, httplib::Response&, Out out) {
    out->update(RestoreJson(s, text, Html(req), Explain(req)));
    return true;
  });
  post("/check", [&s](Req req, Text text, httplib::Response& res, Out out) {
    if (req.get_param_value("report") == "html") {  // check --html-report's page
      const cli::CheckedText c = cli::CheckReaderText(*s.detector, *s.restorer, text, Html(req));
      res.status = 200;
      res.set_content(cli::CheckReportHtml(c.text, c.detect, c.restored),
                      "text/html; charset=utf-8");
      return false;  // answered
    }
    out->update(cli::CheckInputJson(*s.detector, *s.restorer, text, Html(req), Explain(req)));
    return true;
  });
  post("/trace", [&s](Req req, Text text, httplib::Response& res, Out out) {
    if (s.index == nullptr) {
      SendError(res, 404, "no trace index: start the server with --index DIR");
      return false;
    }
    TraceOptions options;
    if (Flag(req, "passages")) options.passage_words = kDefaultPassageWords;  // trace --passages
    std::vector<TraceMatch> matches;
    cli::TraceText(*s.index, s.trace_model->lexicon(), text, options, Html(req), &matches);
    (*out)["matches"] = MatchesJson(matches);
    return true;
  });
  // Unrouted paths and wrong methods get a JSON body too (handlers' own
  // errors already have one).
  server->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      SendError(
          res, 404,
          "no endpoint " + req.method + " " + req.path +
              "; POST /detect, /restore, /check or /trace, GET /health, or GET / for the form");
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

}  // namespace unspin::server

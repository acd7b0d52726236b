// unspin: detect, restore and trace machine-spun text. One binary, many
// subcommands; each lives in its own *_command.cc file.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/cli_util.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace unspin::cli;
  CLI::App app{"unspin: detect, restore and trace machine-spun text"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "unspin 0.1.0");
  int exit_code = kExitOk;
  AddLmCommands(&app, &exit_code);
  AddTokenizeCommand(&app, &exit_code);
  AddModelCommands(&app, &exit_code);
  AddCandidatesCommand(&app, &exit_code);
  AddEvalCommands(&app, &exit_code);
  AddSpinCommand(&app, &exit_code);
  AddRestoreCommand(&app, &exit_code);
  AddDetectCommands(&app, &exit_code);
  AddTraceCommands(&app, &exit_code);
  AddServeCommand(&app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Point at the help of the deepest subcommand named ("unspin index build").
    std::string help = "unspin";
    for (const CLI::App* at = &app;;) {
      const auto named = at->get_subcommands();
      if (named.empty()) break;
      at = named.front();
      help += " " + at->get_name();
    }
    std::fprintf(stderr, "unspin: error: %s (see '%s --help')\n", e.what(), help.c_str());
    return kExitError;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "unspin: error: out of memory\n");
    return kExitError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "unspin: internal error: %s\n", e.what());
    return kExitInternal;
  }
  return exit_code;
}

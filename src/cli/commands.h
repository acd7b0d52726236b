// Registration of the subcommand groups of the unspin binary. Each Add*
// function adds its subcommands to `app`; a handler stores its exit code in
// *exit_code and never calls exit().
#ifndef UNSPIN_CLI_COMMANDS_H_
#define UNSPIN_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace unspin::cli {

void AddLmCommands(CLI::App* app, int* exit_code);
void AddTokenizeCommand(CLI::App* app, int* exit_code);
void AddModelCommands(CLI::App* app, int* exit_code);
void AddCandidatesCommand(CLI::App* app, int* exit_code);
void AddEvalCommands(CLI::App* app, int* exit_code);
void AddSpinCommand(CLI::App* app, int* exit_code);
void AddRestoreCommand(CLI::App* app, int* exit_code);
void AddDetectCommands(CLI::App* app, int* exit_code);
void AddTraceCommands(CLI::App* app, int* exit_code);
void AddServeCommand(CLI::App* app, int* exit_code);

}  // namespace unspin::cli

#endif  // UNSPIN_CLI_COMMANDS_H_

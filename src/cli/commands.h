// The CLI's subcommands. Each lives in its own cmd_<name>.cc, registers
// itself with RETROWALK_REGISTER_COMMAND, and is a thin face over the engines
// and application services: parse options, call, print.
//
// Self-registration keeps main.cc and the build file free of a list that
// every new command would have to edit; cmd_*.cc files are compiled straight
// into the executable, so their registrations are never dropped by the linker.
#pragma once

#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

namespace retrowalk::cli {

// Set by the chosen subcommand's parse callback; main() runs it after
// parsing succeeded and returns its exit code.
using Runner = std::function<int()>;

struct Command {
  int order;  // position in --help
  void (*add)(CLI::App& app, Runner& run);
};

std::vector<Command>& RegisteredCommands();

struct CommandRegistration {
  explicit CommandRegistration(Command command) { RegisteredCommands().push_back(command); }
};

#define RETROWALK_REGISTER_COMMAND(order, add_function) \
  static const ::retrowalk::cli::CommandRegistration kCommandRegistration{{order, add_function}}

// Binds a subcommand's callback so that `run` executes `body` after parsing.
// `body` is called with no arguments and returns the exit code.
inline void SetRunner(CLI::App* sub, Runner& run, std::function<int()> body) {
  sub->callback([&run, body = std::move(body)] { run = body; });
}

}  // namespace retrowalk::cli

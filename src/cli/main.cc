// retrowalk: command-line face of the gait and training engines.
#include <algorithm>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/report.h"

namespace retrowalk::cli {

std::vector<Command>& RegisteredCommands() {
  static std::vector<Command> commands;
  return commands;
}

}  // namespace retrowalk::cli

int main(int argc, char** argv) {
  using namespace retrowalk::cli;
  CLI::App app{
      "retrowalk: find walking bouts, steps and forward/backward direction in motion recordings,\n"
      "and plan and guide retro-walking (backward walking) training."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(RETROWALK_VERSION));

  Runner run;
  auto commands = RegisteredCommands();
  std::sort(commands.begin(), commands.end(),
            [](const Command& a, const Command& b) { return a.order < b.order; });
  for (const Command& command : commands) command.add(app, run);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, exit 2, like every other bad input; --help says the rest.
    return ReportError(std::string(e.what()) + " (see retrowalk --help)");
  }
  return run ? run() : kExitOk;
}

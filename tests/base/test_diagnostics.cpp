#include <catch2/catch.hpp>

#include <string>

#include "base/diagnostics.hpp"

using aip::Diagnostic;
using aip::Diagnostics;
using aip::Location;
using aip::RenderOptions;
using aip::Severity;
using aip::SourceFile;

TEST_CASE("one Severity, ordered, one word each", "[base][diagnostics]") {
  CHECK(Severity::note < Severity::info);
  CHECK(Severity::info < Severity::warning);
  CHECK(Severity::warning < Severity::error);
  CHECK(std::string(aip::to_string(Severity::note)) == "note");
  CHECK(std::string(aip::to_string(Severity::info)) == "info");
  CHECK(std::string(aip::to_string(Severity::warning)) == "warning");
  CHECK(std::string(aip::to_string(Severity::error)) == "error");
}

TEST_CASE("render: headline, source line, caret, located and unlocated notes", "[base][diagnostics]") {
  const SourceFile file("spec.yaml", "network:\n  vpcs:\n    main: {cidr: 10.0.0.0/8}\n");
  Diagnostic d{Severity::error, Location{&file, 3, 18}, "the cidr is too large", {}};
  d.note(Location{&file, 2, 3}, "vpcs declared here").note(Location{}, "in rendered resource Stack/Vpc");
  CHECK(aip::render(d) ==
        "spec.yaml:3:18: error: the cidr is too large\n"
        "      main: {cidr: 10.0.0.0/8}\n"
        "                   ^\n"
        "spec.yaml:2:3: note: vpcs declared here\n"
        "    vpcs:\n"
        "    ^\n"
        "note: in rendered resource Stack/Vpc\n");
  // The suffix (lint's rule id) goes on the headline only, not on the notes.
  const std::string with_id = aip::render(d, RenderOptions{false, " [AIP-NET-009]"});
  CHECK(with_id.rfind("spec.yaml:3:18: error: the cidr is too large [AIP-NET-009]\n", 0) == 0);
  CHECK(with_id.find("[AIP-NET-009]") == with_id.rfind("[AIP-NET-009]"));
  CHECK(aip::headline(d) == "spec.yaml:3:18: error: the cidr is too large");
  CHECK(aip::headline(d.notes[1]) == "note: in rendered resource Stack/Vpc");
  // Colour only when asked; the severity word in its colour, the message bold.
  CHECK(aip::render(d).find('\033') == std::string::npos);
  const std::string coloured = aip::render(d, RenderOptions{true, " [AIP-NET-009]"});
  CHECK(coloured.find("\033[1;31merror:\033[0m \033[1mthe cidr is too large [AIP-NET-009]\033[0m\n") != std::string::npos);
  CHECK(coloured.find("\033[1;36mnote:\033[0m") != std::string::npos);
}

TEST_CASE("render shows a window of a long line around the column", "[base][diagnostics]") {
  const std::string line = std::string(300, 'x') + "HERE" + std::string(300, 'y');
  const SourceFile file("t.json", line + "\n");
  const std::string out = aip::render(Diagnostic{Severity::warning, Location{&file, 1, 301}, "look", {}});
  const std::string shown = out.substr(out.find('\n') + 1);
  CHECK(shown.rfind("  ...", 0) == 0);
  const std::size_t caret_line = shown.find('\n') + 1;
  // The caret sits under the 'H' of HERE.
  CHECK(shown[shown.find('^', caret_line) - caret_line] == 'H');
  CHECK(shown.find('\n') < 2 + 3 + 100 + 3 + 1);
}

TEST_CASE("render_all: source order and the error count", "[base][diagnostics]") {
  const SourceFile file("a.yaml", "one\ntwo\n");
  Diagnostics diags;
  diags.warning(Location{&file, 2, 1}, "second");
  diags.error(Location{&file, 1, 1}, "first");
  const std::string out = aip::render_all(diags, false);
  CHECK(out.find("first") < out.find("second"));
  CHECK(out.size() >= std::string("1 error generated.\n").size());
  CHECK(out.substr(out.size() - std::string("1 error generated.\n").size()) == "1 error generated.\n");
}

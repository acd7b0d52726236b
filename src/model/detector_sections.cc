#include "model/detector_sections.h"

#include <nlohmann/json.hpp>
#include <string>

namespace unspin {

Status AddDetectorSections(std::string_view json, std::string_view what,
                           SectionFileWriter* writer) {
  // The detector (a higher layer) checks the fields; here it must be a JSON
  // object. Numbers keep their values: doubles are written back in their
  // shortest exact form.
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) {
    return Status::InvalidArgument(std::string(what) +
                                   ": detector parameters are not a JSON object");
  }
  auto decoded = j.find("decoded");
  if (decoded == j.end()) {
    writer->Add("detector", std::string(json));
    return Status::Ok();
  }
  writer->Add(kDetectorDecodedSection, decoded->dump());
  j.erase(decoded);
  writer->Add("detector", j.dump());
  return Status::Ok();
}

}  // namespace unspin

// AIP-LOG-006: a SageMaker endpoint config without data capture (cdk-nag
// SageMakerEndpointConfigurationDataCapture; Model Monitor needs it).
#include <fmt/format.h>

#include "lint/rule_support.hpp"
#include "lint/rules/rules.hpp"

namespace aip::lint {

namespace log_sagemaker_data_capture {

void check(Context& ctx) {
  for (const ResourceRef& c : ctx.resources("AWS::SageMaker::EndpointConfig")) {
    const Json* capture = member(c.properties(), "DataCaptureConfig");
    const Json* enabled = capture != nullptr ? member(*capture, "EnableCapture") : nullptr;
    if (capture != nullptr && (enabled == nullptr || !is_false(*enabled))) continue;
    ctx.report(c, capture != nullptr ? Path{"Properties", "DataCaptureConfig", "EnableCapture"} : Path{},
               fmt::format("endpoint config {} does not capture requests and responses (no DataCaptureConfig): "
                           "Model Monitor has nothing to analyse and there is no record of what the model answered",
                           c.display()));
  }
}

}  // namespace log_sagemaker_data_capture

const Rule& rule_log_sagemaker_data_capture() {
  static const Rule rule{
      {"AIP-LOG-006", "SageMaker endpoint config without data capture", Severity::warning,
       {"logging", "nist-800-53", "soc2", "iso27001"},
       "Data capture writes a sample of an endpoint's requests and responses to S3. It is what Model Monitor "
       "compares with the training baseline to detect drift, and the only record of what a model answered "
       "(NIST AU-2, SOC 2 CC7.2).",
       "Add DataCaptureConfig with EnableCapture: true, a DestinationS3Uri, a KmsKeyId and CaptureOptions for "
       "Input and Output (aip: `data_capture: {bucket: ...}` on the endpoint)."},
      &log_sagemaker_data_capture::check};
  return rule;
}

}  // namespace aip::lint

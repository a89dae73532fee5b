#include "spec/tables.hpp"

#include "base/pattern.hpp"

namespace aip::spec {

const std::vector<std::string>& deletion_choices() {
  static const std::vector<std::string> choices = {"retain", "delete"};
  return choices;
}

const std::vector<std::string>& tier_kind_choices() {
  static const std::vector<std::string> choices = {"public", "private", "isolated"};
  return choices;
}

const std::vector<std::string>& cognito_standard_attributes() {
  static const std::vector<std::string> names = {
      "address", "birthdate",   "email", "family_name", "gender",       "given_name",
      "locale",  "middle_name", "name",  "nickname",    "phone_number", "picture",
      "preferred_username", "profile", "updated_at", "website", "zoneinfo"};
  return names;
}

const Pattern& kms_key_arn() {
  static const Pattern shape("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/(mrk-)?[0-9a-f-]{32,36}");
  return shape;
}

const Pattern& aws_account_id() {
  static const Pattern shape("[0-9]{12}");
  return shape;
}

const Pattern& http_header_name() {
  static const Pattern shape("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
  return shape;
}

const Pattern& bedrock_model_id() {
  static const Pattern shape("[a-z0-9-]+\\.[A-Za-z0-9._:-]+");
  return shape;
}

const Pattern& iam_role_name() {
  static const Pattern shape("[A-Za-z0-9+=,.@_-]{1,64}");
  return shape;
}

const Pattern& aoss_name() {
  static const Pattern shape("[a-z][a-z0-9-]{2,31}");
  return shape;
}

const std::vector<int>& log_retention_periods() {
  static const std::vector<int> days = {1,   3,   5,   7,   14,  30,   60,   90,   120,  150,  180,
                                        365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};
  return days;
}

}  // namespace aip::spec

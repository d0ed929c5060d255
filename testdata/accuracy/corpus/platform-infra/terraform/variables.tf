variable "github_token" {
  description = "GitHub token used by the github provider"
  type        = string
  sensitive   = true
}

variable "db_admin_password" {
  type      = string
  sensitive = true
  default   = null
}

variable "datadog_api_key" {
  type    = string
  default = "REPLACE_WITH_DATADOG_API_KEY"
}

variable "pagerduty_token" {
  type      = string
  sensitive = true
  validation {
    condition     = length(var.pagerduty_token) == 20
    error_message = "pagerduty_token must be 20 characters."
  }
}

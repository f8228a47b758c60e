#pragma once

#include <QString>

// Strict patterns for every value that crosses a trust boundary (profile
// fields, anything a third party supplies). Each returns an empty string when
// the value is acceptable, otherwise a message for the person who typed it.
namespace Dockmaster::Validation {

QString profileName(const QString &value);
QString gitlabGroupPath(const QString &value);   // "plugins" or "plugins/ops"
QString gitlabProjectPath(const QString &value); // "plugins/ops/inventory"
QString domainSuffix(const QString &value);      // "plugins.example.com"
QString hostName(const QString &value);          // RFC 1123 host name
QString serverUrl(const QString &value, bool allowPlainHttpOnLoopback = true);
// "host:port", or several separated by commas (a cluster's seeds); a host is
// a host name or an IP address.
QString serverAddresses(const QString &value);
// A URL that goes into an nginx directive as it is (the edge's sign-in check
// and sign-in page): a strict shape with nothing nginx would read as a
// variable, a quote or the end of a directive; https unless on this host.
QString edgeUrl(const QString &value);
QString edgeUrlPattern();
// A GitLab username exactly as GitLab itself accepts one ("alice", ".admin",
// "admin-"; never "x.git"). Every place that reads or asks for a username
// uses this one rule, so provisioning and approvals cannot disagree.
QString gitlabUsername(const QString &value);
bool isGitLabUsername(const QString &value);

} // namespace Dockmaster::Validation

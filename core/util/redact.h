#pragma once

#include <QString>

class QUrl;

namespace Dockmaster {

// The one place secrets are taken out of text meant for a log: GitLab tokens
// (glpat-… and the other gl…- prefixes), the values of credential headers
// (PRIVATE-TOKEN, Authorization, X-API-Key…), key=value and "key": "value"
// pairs named like a secret (token, password, passphrase, secret, api_key…)
// and the user info of URLs. Each becomes "<redacted>". Meant for diagnostics
// built from our own requests and servers' messages; it does not make
// arbitrary text safe to log (a bare secret without a recognisable name
// stays), so never log a credential variable, redacted or not.
QString redacted(const QString &text);
QString redacted(const QUrl &url);

} // namespace Dockmaster

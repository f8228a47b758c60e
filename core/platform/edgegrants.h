#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Dockmaster {

// Who may do what in one environment of an app, as the admins decided
// (issue 18): the roles each permission is granted to, and which of the open
// paths the plugin asks for are really open. Kept in `platform/grants.json`
// on the environment branch of the app's management repository, so grants
// are versioned, reviewed and rolled back like the rest of the environment,
// and rendered into the outer nginx site next to it:
//
//   { "grants": { "orders.read": ["support", "finance"] },
//     "open_paths": ["/health.php"] }
//
// A permission the plugin declares but nobody granted reaches no request;
// a path the plugin asks to open stays behind the sign-in until an admin
// opens it here.
struct EdgeGrants {
    static constexpr auto FilePath = "platform/grants.json";
    static constexpr int MaxRolesPerPermission = 8;
    static constexpr qsizetype MaxBytes = 64 * 1024;

    QMap<QString, QStringList> roles; // permission -> roles, sorted, no empty lists
    QStringList openPaths;            // sorted

    bool isEmpty() const { return roles.isEmpty() && openPaths.isEmpty(); }
    QByteArray toJson() const;
    // The render fields' forms: "perm=role|role;perm=role" and "/a,/b/".
    QString permissionGrantsField() const;
    QString openPathsField() const;
    // One line per change: translated for the window and the audit log,
    // English for the commit message (the repository's history is read by
    // every admin, whatever language their console speaks).
    enum class Wording { Translated, English };
    QStringList changesFrom(const EdgeGrants &before, Wording wording = Wording::Translated) const;
    bool operator==(const EdgeGrants &) const = default;
};

struct EdgeGrantsResult {
    EdgeGrants grants;
    QStringList errors; // translated; empty when accepted
    bool ok() const { return errors.isEmpty(); }
};

class EdgeGrantsFile
{
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::EdgeGrantsFile)
public:
    // Checks every name as the render does; a file that breaks a rule is
    // refused whole, with the reasons.
    static EdgeGrantsResult parse(const QByteArray &json);
    // Roles as an admin types them: split at commas and spaces, each checked.
    static EdgeGrantsResult withRoles(EdgeGrants grants, const QString &permission, const QString &typedRoles);
    static bool isRoleName(const QString &role);
};

} // namespace Dockmaster

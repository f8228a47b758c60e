#pragma once

#include "core/domain/environment.h"
#include "core/platform/edgegrants.h"
#include "core/platform/grantspublisher.h"
#include "core/platform/platformmanifest.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Dockmaster {

// Who may use what the plugin declares, per environment (issue 18): a row per
// permission with the roles it is granted to (typed, comma-separated), and a
// row per path the plugin asks to open with whether it is open. A permission
// or path that is granted but no longer declared is still listed, so it can
// be taken back. Saving asks first, then hands the change to the controller,
// which commits it through GrantsPublisher.
class GrantsEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit GrantsEditor(QWidget *parent = nullptr);

    void setEnvironments(const QList<Environment> &environments);
    Environment environment() const;
    void setManifest(const PlatformManifest &manifest);
    // What the branch holds; an error leaves the editor read-only with it.
    void setBranch(const GrantsPublisher::Branch &branch);
    // Why grants cannot be given here (no sign-in check in the profile), or
    // empty when they can.
    void setUnavailable(const QString &why);
    void setBusy(const QString &status);
    void setStatus(const QString &status, bool error = false);

    // The grants as edited; the first problem in `error` when one is refused.
    EdgeGrants editedGrants(QString *error = nullptr) const;
    EdgeGrants savedGrants() const { return m_branch.grants; }
    QString statusText() const;
    QTreeWidget *permissionTree() const { return m_permissions; }
    QTreeWidget *pathTree() const { return m_paths; }
    QPushButton *saveButton() const { return m_save; }
    // Types roles into a permission's row, as an admin would.
    void setRoles(const QString &permission, const QString &roles);
    void setPathOpen(const QString &path, bool open);

Q_SIGNALS:
    void environmentChosen(Dockmaster::Environment environment);
    // The admin confirmed: commit `grants` to the environment's branch.
    void saveRequested(Dockmaster::Environment environment, const Dockmaster::EdgeGrants &grants,
                       const Dockmaster::GrantsPublisher::Branch &base);

private:
    void rebuild();
    void updateState();
    void confirmSave();
    QTreeWidgetItem *permissionRow(const QString &permission) const;
    QString committedStatus() const;
    void showStatus(const QString &text, bool error = false);

    PlatformManifest m_manifest;
    GrantsPublisher::Branch m_branch;
    bool m_branchLoaded = false;
    bool m_busy = false;
    bool m_describingEdits = false; // the status line lists unsaved edits or a refused one
    QString m_unavailable;

    QComboBox *m_environment;
    QTreeWidget *m_permissions;
    QTreeWidget *m_paths;
    QLabel *m_status;
    QPushButton *m_revert;
    QPushButton *m_save;
};

} // namespace Dockmaster

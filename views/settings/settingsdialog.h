#pragma once

#include "core/domain/records.h"
#include "core/profile/profile.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QTabWidget;
class QSpinBox;

namespace Dockmaster {

class ProfileStore;
class SecretStore;

// Creates and edits profiles. Plain settings go to ProfileStore; the GitLab
// token and DNS credential go to the SecretStore only, and are never shown
// again once stored (the field then says "stored in the keychain").
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(ProfileStore *profiles, SecretStore *secrets, QWidget *parent = nullptr);

    void selectProfile(const QString &name);
    QString selectedProfile() const { return m_currentName; }

    // For tests and the first-run flow: the field widgets by name.
    QLineEdit *field(const QString &name) const { return m_lineEdits.value(name); }
    QLabel *fieldError(const QString &name) const { return m_errors.value(name); }

public Q_SLOTS:
    bool saveCurrent(); // validates; returns false and shows messages next to fields when invalid

    // Checks the shown profile against its GitLab in a ConnectionCheckDialog:
    // with the token typed in the field and the fields' URL, or else with the
    // saved profile and its token from the keychain (never a stored token
    // sent to an unsaved URL).
    void checkConnection();

Q_SIGNALS:
    void profileSaved(const QString &name);
    // A connection check repaired something in GitLab.
    void auditEntry(const Dockmaster::AuditEntry &entry);

private:
    void buildUi();
    void loadProfile(const QString &name);
    void newProfile();
    void deleteProfile();
    Profile profileFromFields() const;
    void showFieldErrors(const QList<QPair<QString, QString>> &problems);
    void showApprovalRules(const Profile &profile);
    void reportSecretFailure(const QString &message);
    void openConnectionCheck(const Profile &profile, const QString &token);

    ProfileStore *m_profiles;
    SecretStore *m_secrets;
    QListWidget *m_list = nullptr;
    QTabWidget *m_pages = nullptr; // GitLab, DNS, hosts and logs, platform services, approvals
    QHash<QString, QLineEdit *> m_lineEdits;
    QHash<QString, QLabel *> m_errors;
    QComboBox *m_dnsProvider = nullptr;
    QSpinBox *m_slaHours = nullptr;
    QSpinBox *m_gitlabMaxConcurrent = nullptr;
    QSpinBox *m_gitlabRequestsPerMinute = nullptr;
    QCheckBox *m_keyValueTls = nullptr;
    QCheckBox *m_twoPerson = nullptr;
    QSpinBox *m_productionApprovals = nullptr;
    QSpinBox *m_testApprovals = nullptr;
    QCheckBox *m_refuseBeforeTest = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QString m_currentName;
    int m_pendingSecretWrites = 0;
    QString m_checkTokenKey; // the keychain read a connection check waits for
    Profile m_checkProfile;
};

} // namespace Dockmaster

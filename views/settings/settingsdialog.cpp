#include "views/settings/settingsdialog.h"

#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"
#include "views/dialogs.h"
#include "views/settings/connectioncheckdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Dockmaster {

SettingsDialog::SettingsDialog(ProfileStore *profiles, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings and profiles"));
    buildUi();
    connect(m_secrets, &SecretStore::failed, this, [this](const QString &key, const QString &message) {
        if (!m_checkTokenKey.isEmpty() && key == m_checkTokenKey) {
            m_checkTokenKey.clear();
            reportSecretFailure(message);
            return;
        }
        --m_pendingSecretWrites;
        reportSecretFailure(message);
    });
    connect(m_secrets, &SecretStore::secretRead, this, [this](const QString &key, const QString &secret, bool found) {
        if (m_checkTokenKey.isEmpty() || key != m_checkTokenKey)
            return;
        m_checkTokenKey.clear();
        if (!found || secret.isEmpty()) {
            m_status->setText(tr("No GitLab token is stored for this profile: type one to check the connection."));
            return;
        }
        openConnectionCheck(m_checkProfile, secret);
    });
    connect(m_secrets, &SecretStore::secretWritten, this, [this] {
        --m_pendingSecretWrites;
        m_status->setText(tr("Saved. Secrets are stored in the system keychain."));
    });
    const QStringList names = m_profiles->profileNames();
    m_list->addItems(names);
    if (names.isEmpty())
        newProfile();
    else
        selectProfile(m_profiles->lastUsedProfile().isEmpty() ? names.first() : m_profiles->lastUsedProfile());
}

void SettingsDialog::buildUi()
{
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Profiles"));
    m_list->setMaximumWidth(200);
    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty() && name != m_currentName)
            loadProfile(name);
    });
    auto *add = new QPushButton(tr("New"), this);
    auto *remove = new QPushButton(tr("Delete"), this);
    connect(add, &QPushButton::clicked, this, &SettingsDialog::newProfile);
    connect(remove, &QPushButton::clicked, this, &SettingsDialog::deleteProfile);

    // One page per part of the platform: on one form the fields no longer
    // fit a 1366x768 laptop's screen.
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("settingsPages"));
    const auto newPage = [this](const QString &title) {
        auto *page = new QWidget(m_pages);
        auto *pageForm = new QFormLayout(page);
        pageForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
        m_pages->addTab(page, title);
        return pageForm;
    };
    QFormLayout *form = newPage(tr("GitLab"));
    auto addField
        = [this, &form](const QString &name, const QString &label, const QString &placeholder, bool secret = false) {
              auto *edit = new QLineEdit(this);
              edit->setObjectName(name);
              edit->setPlaceholderText(placeholder);
              edit->setAccessibleName(label);
              if (secret)
                  edit->setEchoMode(QLineEdit::Password);
              auto *error = new QLabel(this);
              error->setObjectName(name + QStringLiteral("Error"));
              error->setStyleSheet(QStringLiteral("color: #c0392b;"));
              error->setWordWrap(true);
              error->setVisible(false);
              auto *column = new QVBoxLayout;
              column->setSpacing(2);
              column->addWidget(edit);
              column->addWidget(error);
              form->addRow(label, column);
              m_lineEdits.insert(name, edit);
              m_errors.insert(name, error);
          };
    addField(QStringLiteral("name"), tr("Profile name"), tr("e.g. production-platform"));
    addField(QStringLiteral("gitlabUrl"), tr("GitLab URL"), tr("https://gitlab.example.com"));
    addField(QStringLiteral("gitlabToken"), tr("GitLab access token"), tr("personal access token with api scope"),
             true);
    addField(QStringLiteral("rootGroup"), tr("Root group"), tr("plugins"));
    addField(QStringLiteral("inventoryProject"), tr("Inventory project"), tr("plugins/ops/inventory"));
    addField(QStringLiteral("testDomainSuffix"), tr("Test domain suffix"), tr("test.plugins.example.com"));
    addField(QStringLiteral("productionDomainSuffix"), tr("Production domain suffix"), tr("plugins.example.com"));
    m_gitlabMaxConcurrent = new QSpinBox(this);
    m_gitlabMaxConcurrent->setObjectName(QStringLiteral("gitlabMaxConcurrent"));
    m_gitlabMaxConcurrent->setRange(1, MaxGitLabConcurrent);
    m_gitlabMaxConcurrent->setAccessibleName(tr("Requests at once"));
    m_gitlabMaxConcurrent->setToolTip(tr("How many requests this console sends to GitLab side by side."));
    form->addRow(tr("Requests at once"), m_gitlabMaxConcurrent);
    m_gitlabRequestsPerMinute = new QSpinBox(this);
    m_gitlabRequestsPerMinute->setObjectName(QStringLiteral("gitlabRequestsPerMinute"));
    m_gitlabRequestsPerMinute->setRange(0, MaxGitLabRequestsPerMinute);
    m_gitlabRequestsPerMinute->setSingleStep(100);
    m_gitlabRequestsPerMinute->setSpecialValueText(tr("No ceiling"));
    m_gitlabRequestsPerMinute->setSuffix(tr(" a minute"));
    m_gitlabRequestsPerMinute->setAccessibleName(tr("Request ceiling"));
    m_gitlabRequestsPerMinute->setToolTip(
        tr("A ceiling for this console, below the instance's rate limit when several consoles share it. "
           "GitLab's own limit is followed anyway when GitLab reports it."));
    form->addRow(tr("Request ceiling"), m_gitlabRequestsPerMinute);

    form = newPage(tr("DNS"));
    m_dnsProvider = new QComboBox(this);
    m_dnsProvider->setAccessibleName(tr("DNS provider"));
    m_dnsProvider->addItem(tr("None (manage DNS by hand)"), dnsProviderKey(DnsProviderKind::None));
    m_dnsProvider->addItem(tr("PowerDNS"), dnsProviderKey(DnsProviderKind::PowerDns));
    m_dnsProvider->addItem(tr("Cloudflare"), dnsProviderKey(DnsProviderKind::Cloudflare));
    m_dnsProvider->addItem(tr("DNSPod (Tencent Cloud)"), dnsProviderKey(DnsProviderKind::DnsPod));
    form->addRow(tr("DNS provider"), m_dnsProvider);
    addField(QStringLiteral("dnsEndpoint"), tr("DNS API URL"), tr("https://dns.example.com:8081 (PowerDNS only)"));
    addField(QStringLiteral("dnsZone"), tr("DNS zone"), tr("plugins.example.com."));
    addField(QStringLiteral("dnsCredential"), tr("DNS API key"), tr("stored in the system keychain"), true);
    form = newPage(tr("Hosts and logs"));
    addField(QStringLiteral("dockerCertificateDir"), tr("Docker TLS certificates"),
             tr("/home/me/.docker/hosts (one folder per host with ca.pem, cert.pem, key.pem)"));
    addField(QStringLiteral("lokiUrl"), tr("Loki URL"), tr("https://loki.example.com (optional, for log history)"));
    addField(QStringLiteral("lokiTenant"), tr("Loki tenant"), tr("X-Scope-OrgID (optional)"));
    form = newPage(tr("Platform services"));
    auto *keyValueIntro = new QLabel(
        tr("Plugins keep their data in the platform's Valkey. Setting up an app gives it a user there that reaches "
           "only its own keys; the password is a masked CI/CD variable of the app, never stored here. Archiving an "
           "app deletes its user and its keys. Leave the address empty if the platform has no key/value store."),
        this);
    keyValueIntro->setWordWrap(true);
    form->addRow(keyValueIntro);
    addField(QStringLiteral("keyValueAddress"), tr("Key/value store"),
             tr("kv.example.com:6379 (optional; Valkey, for the plugins' data)"));
    addField(QStringLiteral("keyValueAppAddress"), tr("Key/value store for apps"),
             tr("as the containers reach it (optional; cluster: host:port,host:port)"));
    m_keyValueTls = new QCheckBox(tr("Connect with TLS and check the store's certificate"), this);
    m_keyValueTls->setObjectName(QStringLiteral("keyValueTls"));
    m_keyValueTls->setToolTip(tr("A plain connection is only accepted for a store on this computer."));
    form->addRow(QString(), m_keyValueTls);
    addField(QStringLiteral("keyValueCaFile"), tr("Key/value CA certificate"), tr("/etc/ssl/kv-ca.pem (optional)"));
    field(QStringLiteral("keyValueCaFile"))
        ->setToolTip(tr("The CA that signed the store's certificate, as a PEM file. Empty: the system's trusted CAs."));
    addField(QStringLiteral("keyValueAdminUser"), tr("Key/value admin user"), tr("default (Valkey's built-in user)"));
    addField(QStringLiteral("keyValueAdminPassword"), tr("Key/value admin password"),
             tr("stored in the system keychain"), true);
    auto *edgeIntro = new QLabel(
        tr("Sign-in at the edge: the hosts' nginx asks the company's sign-in service about every request and passes "
           "the visitor's user, roles and granted permissions to the plugin, which never sees a password. Leave it "
           "empty if the platform has no sign-in service; permissions can then not be granted."),
        this);
    edgeIntro->setWordWrap(true);
    form->addRow(edgeIntro);
    addField(QStringLiteral("edgeAuthUrl"), tr("Sign-in check URL"), tr("https://auth.example.com/verify (optional)"));
    field(QStringLiteral("edgeAuthUrl"))
        ->setToolTip(tr("Answers each request nginx asks about with 2xx and the X-Platform-User and X-Platform-Roles "
                        "headers (signed in), 401 (not signed in) or 403 (refused)."));
    addField(QStringLiteral("edgeLoginUrl"), tr("Sign-in page"), tr("https://auth.example.com/login (optional)"));
    field(QStringLiteral("edgeLoginUrl"))
        ->setToolTip(tr("Where visitors who are not signed in are sent. Empty: they get 401."));

    form = newPage(tr("Approvals"));
    m_slaHours = new QSpinBox(this);
    m_slaHours->setRange(1, 24 * 30);
    m_slaHours->setSuffix(tr(" h"));
    m_slaHours->setAccessibleName(tr("Approval SLA"));
    form->addRow(tr("Approval SLA"), m_slaHours);
    m_twoPerson = new QCheckBox(tr("Production releases need an approver other than the requester"), this);
    m_twoPerson->setObjectName(QStringLiteral("requireSecondApprover"));
    form->addRow(QString(), m_twoPerson);
    // The two-person rule: how many admins approve a release before it deploys.
    const auto approvalsChoice = [this](const QString &name, const QString &accessibleName, const QString &why) {
        auto *choice = new QSpinBox(this);
        choice->setObjectName(name);
        choice->setRange(1, 5); // Profile::validate() allows the same
        choice->setAccessibleName(accessibleName);
        choice->setToolTip(why);
        return choice;
    };
    m_productionApprovals = approvalsChoice(
        QStringLiteral("productionApprovals"), tr("Admins who approve a production release"),
        tr("How many different admins must approve a production release before it deploys (1 to 5; 2 is the "
           "two-person rule). None of them may be the one who requested it. Every approval but the last is recorded "
           "on the request in GitLab, so every console sees it; a new push of the requested version starts the "
           "approvals over."));
    form->addRow(tr("Production approvals"), m_productionApprovals);
    m_testApprovals = approvalsChoice(
        QStringLiteral("testApprovals"), tr("Admins who approve a test release"),
        tr("How many different admins must approve a test release before it deploys (1 to 5). With 2 or more, "
           "the requester cannot approve their own test release either."));
    form->addRow(tr("Test approvals"), m_testApprovals);
    // A short text beside a row label: the whole sentence made the dialog
    // wider than an 820-pixel screen in English.
    m_refuseBeforeTest = new QCheckBox(tr("Refuse while its test release is pending or failed"), this);
    m_refuseBeforeTest->setObjectName(QStringLiteral("refuseProductionBeforeTest"));
    m_refuseBeforeTest->setToolTip(
        tr("Before an admin approves production, Dockmaster checks the test release of the same version. Unticked, a "
           "pending or failed test release is a warning in the approval dialog and on the approval; ticked, the "
           "production approval is refused until the test release is deployed."));
    form->addRow(tr("Production after test"), m_refuseBeforeTest);
    // With two or more production approvals, no requester ever approves alone.
    connect(m_productionApprovals, &QSpinBox::valueChanged, this, [this](int count) {
        m_twoPerson->setEnabled(count < 2);
        m_twoPerson->setToolTip(count < 2 ? QString() : tr("Always the case with two or more production approvals."));
    });

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    connect(m_buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, &SettingsDialog::saveCurrent);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    QPushButton *check = m_buttons->addButton(tr("Check connection"), QDialogButtonBox::ActionRole);
    check->setObjectName(QStringLiteral("checkConnectionButton"));
    check->setToolTip(tr("Verify this profile against its GitLab: version, token, role, job token allowlists, "
                         "runners and https"));
    connect(check, &QPushButton::clicked, this, &SettingsDialog::checkConnection);

    auto *listColumn = new QVBoxLayout;
    listColumn->addWidget(m_list);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    listColumn->addLayout(listButtons);

    auto *top = new QHBoxLayout;
    top->addLayout(listColumn);
    top->addWidget(m_pages, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(760, 560);
}

void SettingsDialog::selectProfile(const QString &name)
{
    const auto items = m_list->findItems(name, Qt::MatchExactly);
    if (!items.isEmpty())
        m_list->setCurrentItem(items.first());
    loadProfile(name);
}

void SettingsDialog::loadProfile(const QString &name)
{
    const std::optional<Profile> profile = m_profiles->load(name);
    if (!profile)
        return;
    m_currentName = name;
    field(QStringLiteral("name"))->setText(profile->name);
    field(QStringLiteral("gitlabUrl"))->setText(profile->gitlabUrl.toString());
    field(QStringLiteral("rootGroup"))->setText(profile->rootGroup);
    field(QStringLiteral("inventoryProject"))->setText(profile->inventoryProject);
    field(QStringLiteral("testDomainSuffix"))->setText(profile->testDomainSuffix);
    field(QStringLiteral("productionDomainSuffix"))->setText(profile->productionDomainSuffix);
    field(QStringLiteral("dnsEndpoint"))->setText(profile->dnsEndpoint.toString());
    field(QStringLiteral("dnsZone"))->setText(profile->dnsZone);
    field(QStringLiteral("dockerCertificateDir"))->setText(profile->dockerCertificateDir);
    field(QStringLiteral("lokiUrl"))->setText(profile->lokiUrl.toString());
    field(QStringLiteral("lokiTenant"))->setText(profile->lokiTenant);
    field(QStringLiteral("keyValueAddress"))->setText(profile->keyValueAddress);
    field(QStringLiteral("keyValueAppAddress"))->setText(profile->keyValueAppAddress);
    field(QStringLiteral("edgeAuthUrl"))->setText(profile->edgeAuthUrl);
    field(QStringLiteral("edgeLoginUrl"))->setText(profile->edgeLoginUrl);
    field(QStringLiteral("keyValueAdminUser"))->setText(profile->keyValueAdminUser);
    m_keyValueTls->setChecked(profile->keyValueTls);
    field(QStringLiteral("keyValueCaFile"))->setText(profile->keyValueCaFile);
    m_dnsProvider->setCurrentIndex(std::max(0, m_dnsProvider->findData(dnsProviderKey(profile->dnsProvider))));
    m_gitlabMaxConcurrent->setValue(profile->gitlabMaxConcurrent);
    m_gitlabRequestsPerMinute->setValue(profile->gitlabRequestsPerMinute);
    m_slaHours->setValue(profile->approvalSlaHours);
    showApprovalRules(*profile);
    // Secrets are write-only here: an empty field keeps the stored value.
    for (const QString &secretField :
         { QStringLiteral("gitlabToken"), QStringLiteral("dnsCredential"), QStringLiteral("keyValueAdminPassword") }) {
        field(secretField)->clear();
        field(secretField)->setPlaceholderText(tr("stored in the system keychain; type to replace"));
    }
    showFieldErrors({});
}

void SettingsDialog::newProfile()
{
    m_currentName.clear();
    m_list->clearSelection();
    const Profile defaults;
    for (QLineEdit *edit : std::as_const(m_lineEdits))
        edit->clear();
    field(QStringLiteral("rootGroup"))->setText(defaults.rootGroup);
    field(QStringLiteral("inventoryProject"))->setText(defaults.inventoryProject);
    m_dnsProvider->setCurrentIndex(0);
    m_keyValueTls->setChecked(defaults.keyValueTls);
    m_gitlabMaxConcurrent->setValue(defaults.gitlabMaxConcurrent);
    m_gitlabRequestsPerMinute->setValue(defaults.gitlabRequestsPerMinute);
    m_slaHours->setValue(defaults.approvalSlaHours);
    showApprovalRules(defaults);
    field(QStringLiteral("name"))->setFocus();
    showFieldErrors({});
}

void SettingsDialog::deleteProfile()
{
    if (m_currentName.isEmpty())
        return;
    Dialogs::ask(
        this, tr("Delete profile"),
        tr("Delete the profile \"%1\" and its stored secrets? Nothing in GitLab is changed.").arg(m_currentName), this,
        [this, name = m_currentName] {
            // The profile asked about, even if another one is shown by now.
            m_secrets->remove(SecretStore::gitlabTokenKey(name));
            m_secrets->remove(SecretStore::dnsCredentialKey(name));
            m_secrets->remove(SecretStore::keyValueAdminKey(name));
            m_profiles->remove(name);
            const bool shown = m_currentName == name;
            qDeleteAll(m_list->findItems(name, Qt::MatchExactly));
            if (shown)
                newProfile();
        });
}

Profile SettingsDialog::profileFromFields() const
{
    Profile profile;
    profile.name = field(QStringLiteral("name"))->text().trimmed();
    profile.gitlabUrl = QUrl(field(QStringLiteral("gitlabUrl"))->text().trimmed(), QUrl::StrictMode);
    profile.rootGroup = field(QStringLiteral("rootGroup"))->text().trimmed();
    profile.inventoryProject = field(QStringLiteral("inventoryProject"))->text().trimmed();
    profile.testDomainSuffix = field(QStringLiteral("testDomainSuffix"))->text().trimmed();
    profile.productionDomainSuffix = field(QStringLiteral("productionDomainSuffix"))->text().trimmed();
    profile.dnsProvider = dnsProviderFromKey(m_dnsProvider->currentData().toString());
    profile.dnsEndpoint = QUrl(field(QStringLiteral("dnsEndpoint"))->text().trimmed(), QUrl::StrictMode);
    profile.dnsZone = field(QStringLiteral("dnsZone"))->text().trimmed();
    profile.dockerCertificateDir = field(QStringLiteral("dockerCertificateDir"))->text().trimmed();
    profile.lokiUrl = QUrl(field(QStringLiteral("lokiUrl"))->text().trimmed(), QUrl::StrictMode);
    profile.lokiTenant = field(QStringLiteral("lokiTenant"))->text().trimmed();
    profile.keyValueAddress = field(QStringLiteral("keyValueAddress"))->text().trimmed();
    profile.keyValueAppAddress = field(QStringLiteral("keyValueAppAddress"))->text().trimmed();
    profile.edgeAuthUrl = field(QStringLiteral("edgeAuthUrl"))->text().trimmed();
    profile.edgeLoginUrl = field(QStringLiteral("edgeLoginUrl"))->text().trimmed();
    profile.keyValueAdminUser = field(QStringLiteral("keyValueAdminUser"))->text().trimmed();
    profile.keyValueTls = m_keyValueTls->isChecked();
    profile.keyValueCaFile = field(QStringLiteral("keyValueCaFile"))->text().trimmed();
    profile.gitlabMaxConcurrent = m_gitlabMaxConcurrent->value();
    profile.gitlabRequestsPerMinute = m_gitlabRequestsPerMinute->value();
    profile.approvalSlaHours = m_slaHours->value();
    profile.requireSecondApprover = m_twoPerson->isChecked();
    profile.productionApprovals = m_productionApprovals->value();
    profile.testApprovals = m_testApprovals->value();
    profile.refuseProductionBeforeTest = m_refuseBeforeTest->isChecked();
    return profile;
}

void SettingsDialog::showApprovalRules(const Profile &profile)
{
    m_twoPerson->setChecked(profile.requireSecondApprover);
    m_productionApprovals->setValue(profile.productionApprovals);
    m_testApprovals->setValue(profile.testApprovals);
    m_refuseBeforeTest->setChecked(profile.refuseProductionBeforeTest);
}

void SettingsDialog::showFieldErrors(const QList<QPair<QString, QString>> &problems)
{
    for (QLabel *label : std::as_const(m_errors))
        label->setVisible(false);
    bool pageShown = false;
    for (const auto &[fieldName, message] : problems) {
        if (QLabel *label = m_errors.value(fieldName)) {
            label->setText(message);
            label->setVisible(true);
            // The page of the first field to correct comes to the front.
            for (int page = 0; !pageShown && page < m_pages->count(); ++page) {
                if (m_pages->widget(page)->isAncestorOf(label)) {
                    m_pages->setCurrentIndex(page);
                    pageShown = true;
                }
            }
        }
    }
}

bool SettingsDialog::saveCurrent()
{
    const Profile profile = profileFromFields();
    QList<QPair<QString, QString>> problems = profile.validate();
    if (profile.name != m_currentName && m_profiles->profileNames().contains(profile.name))
        problems.append({ QStringLiteral("name"), tr("A profile with this name already exists.") });
    showFieldErrors(problems);
    if (!problems.isEmpty()) {
        m_status->setText(tr("Please correct the highlighted fields."));
        return false;
    }
    const QString token = field(QStringLiteral("gitlabToken"))->text();
    const QString dnsCredential = field(QStringLiteral("dnsCredential"))->text();
    const QString keyValuePassword = field(QStringLiteral("keyValueAdminPassword"))->text();
    if (!m_currentName.isEmpty() && m_currentName != profile.name) {
        m_profiles->remove(m_currentName);
        delete m_list->currentItem();
    }
    m_profiles->save(profile);
    m_profiles->setLastUsedProfile(profile.name);
    if (m_list->findItems(profile.name, Qt::MatchExactly).isEmpty())
        m_list->addItem(profile.name);
    m_currentName = profile.name;
    selectProfile(profile.name);

    m_status->setText(tr("Saved."));
    if (!token.isEmpty()) {
        ++m_pendingSecretWrites;
        m_secrets->write(SecretStore::gitlabTokenKey(profile.name), token);
    }
    if (!dnsCredential.isEmpty()) {
        ++m_pendingSecretWrites;
        m_secrets->write(SecretStore::dnsCredentialKey(profile.name), dnsCredential);
    }
    if (!keyValuePassword.isEmpty()) {
        ++m_pendingSecretWrites;
        m_secrets->write(SecretStore::keyValueAdminKey(profile.name), keyValuePassword);
    }
    // The fields are cleared at once: the secret now lives only in the keychain
    // (or nowhere, if the keychain refuses; then the user is told).
    field(QStringLiteral("gitlabToken"))->clear();
    field(QStringLiteral("dnsCredential"))->clear();
    field(QStringLiteral("keyValueAdminPassword"))->clear();
    Q_EMIT profileSaved(profile.name);
    return true;
}

void SettingsDialog::checkConnection()
{
    const QString typedToken = field(QStringLiteral("gitlabToken"))->text();
    if (!typedToken.isEmpty()) {
        const Profile profile = profileFromFields();
        QList<QPair<QString, QString>> problems = profile.validate();
        showFieldErrors(problems);
        if (!problems.isEmpty()) {
            m_status->setText(tr("Please correct the highlighted fields."));
            return;
        }
        openConnectionCheck(profile, typedToken);
        return;
    }
    QString refusal;
    const std::optional<Profile> saved
        = m_currentName.isEmpty() ? std::nullopt : m_profiles->loadForUse(m_currentName, &refusal);
    if (!saved) {
        m_status->setText(refusal.isEmpty() ? tr("Type the GitLab token, or save the profile first.") : refusal);
        return;
    }
    m_checkProfile = *saved;
    m_checkTokenKey = SecretStore::gitlabTokenKey(saved->name);
    m_status->setText(tr("Reading the token from the keychain…"));
    m_secrets->read(m_checkTokenKey);
}

void SettingsDialog::openConnectionCheck(const Profile &profile, const QString &token)
{
    m_status->clear();
    auto *dialog = new ConnectionCheckDialog(profile.gitlabUrl, token, profile.rootGroup, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionCheckDialog::auditEntry, this, &SettingsDialog::auditEntry);
    dialog->open();
}

void SettingsDialog::reportSecretFailure(const QString &message)
{
    m_status->setText(message);
    Dialogs::inform(this, QMessageBox::Warning, tr("Keychain"), message);
}

} // namespace Dockmaster

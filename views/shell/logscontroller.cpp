#include "views/shell/logscontroller.h"

#include "core/keychain/secretstore.h"
#include "core/logs/logsource.h"
#include "views/dialogs.h"
#include "views/logs/loghistorydialog.h"
#include "views/logs/passphraseprompt.h"
#include "views/mainwindow.h"

namespace Dockmaster {

LogsController::LogsController(SecretStore *secrets, MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_window(window)
    , m_passphrases(new PassphrasePrompt(secrets, window, this))
{
}

void LogsController::openLive(const AppRecord &app, Environment environment)
{
    m_sources.setCertificateDir(m_profile.dockerCertificateDir);
    m_sources.setSecrets(m_secrets, m_profile.name);
    const QString lockedHost = m_sources.hostNeedingPassphrase(app, environment);
    if (!lockedHost.isEmpty() && !m_unlockedHosts.contains(lockedHost)) {
        m_passphrases->ensure(m_profile.name, lockedHost, [this, lockedHost, app, environment] {
            m_unlockedHosts.insert(lockedHost);
            openLive(app, environment);
        });
        return;
    }
    QString error;
    std::unique_ptr<LogSource> source = m_sources.create(app, environment, &error);
    if (!source) {
        m_window->showError(tr("Cannot follow the logs of %1: %2").arg(app.id, error));
        return;
    }
    m_window->showLogs(source.release(), // the log view owns it from here
                       tr("%1 (%2)").arg(app.id, environmentDisplayName(environment)));
}

void LogsController::openHistory(const AppRecord &app, Environment environment)
{
    m_sources.setLoki(m_profile.lokiUrl, m_profile.lokiTenant);
    if (!m_sources.hasLoki()) {
        m_window->showError(tr("Log history comes from Loki: set its URL in the profile settings first."));
        return;
    }
    const QString what = tr("%1 (%2)").arg(app.id, environmentDisplayName(environment));
    auto *dialog = new LogHistoryDialog(what, m_window);
    Dialogs::openThen(dialog, this, [this, dialog, app, environment, what] {
        if (!m_window)
            return;
        QString error;
        std::unique_ptr<LogSource> source
            = m_sources.createHistory(app, environment, dialog->from(), dialog->to(), dialog->thenFollow(), &error);
        if (!source) {
            m_window->showError(tr("Cannot load the log history of %1: %2").arg(app.id, error));
            return;
        }
        m_window->showLogs(source.release(), tr("%1, history from Loki").arg(what));
    });
}

} // namespace Dockmaster

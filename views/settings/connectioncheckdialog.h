#pragma once

#include "core/domain/records.h"

#include <QDialog>
#include <QList>
#include <QUrl>

class QLabel;
class QPushButton;

namespace Dockmaster {

class ConnectionCheck;
class GitLabClient;

// Shows the connection check of one profile as a checklist: a status, what
// was found and the fix for each line (plain text: it quotes the server).
// Runs at once when constructed; Repair adds the missing CI/CD job token
// allowlist entries. Open it with open(); nothing here blocks.
class ConnectionCheckDialog final : public QDialog
{
    Q_OBJECT
public:
    ConnectionCheckDialog(const QUrl &gitlabUrl, const QString &token, const QString &rootGroup,
                          QWidget *parent = nullptr);

    ConnectionCheck *check() const { return m_check; }

Q_SIGNALS:
    // A repair GitLab carried out, for the audit log.
    void auditEntry(const Dockmaster::AuditEntry &entry);

private:
    struct Row {
        QLabel *status = nullptr;
        QLabel *title = nullptr;
        QLabel *found = nullptr;
        QLabel *fix = nullptr;
    };

    void showLine(int index);
    void updateSummary();

    GitLabClient *m_client;
    ConnectionCheck *m_check;
    QList<Row> m_rows;
    QLabel *m_summary = nullptr;
    QPushButton *m_repair = nullptr;
    QPushButton *m_again = nullptr;
    QString m_repairError; // the last repair's, shown until the next one
};

} // namespace Dockmaster

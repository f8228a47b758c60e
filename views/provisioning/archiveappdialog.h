#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Dockmaster {

class Provisioner;

// Confirms archiving one app by name and ID (the admin types the ID), then
// runs Provisioner::archive(): DNS records removed, repos archived, ports
// released. A failure shows the reason and the button retries.
class ArchiveAppDialog final : public QDialog
{
    Q_OBJECT
public:
    ArchiveAppDialog(Provisioner *provisioner, const QString &appId, const QString &appName, QWidget *parent = nullptr);

    QLineEdit *confirmEdit() const { return m_confirm; }
    QPushButton *archiveButton() const { return m_archive; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void appArchived(const QString &appId);

private:
    void updateButton();
    void startArchive();

    Provisioner *m_provisioner;
    QString m_appId;
    QLineEdit *m_confirm;
    QPushButton *m_archive;
    QPushButton *m_cancel;
    QLabel *m_status;
    bool m_running = false;
};

} // namespace Dockmaster

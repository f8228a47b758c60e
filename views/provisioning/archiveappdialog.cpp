#include "views/provisioning/archiveappdialog.h"

#include "core/provisioning/provisioner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Dockmaster {

ArchiveAppDialog::ArchiveAppDialog(Provisioner *provisioner, const QString &appId, const QString &appName,
                                   QWidget *parent)
    : QDialog(parent)
    , m_provisioner(provisioner)
    , m_appId(appId)
    , m_confirm(new QLineEdit(this))
    , m_archive(new QPushButton(tr("Archive"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Archive %1").arg(appId));
    auto *explanation = new QLabel(tr("Archive <b>%1</b> (%2)?<br>Its DNS records are removed, its user and all "
                                      "its keys in the platform's key/value store are deleted (this cannot be "
                                      "undone), its code and management repositories are archived (read-only, "
                                      "kept), and its host ports are released. Its app ID is never reused.")
                                       .arg(appName.toHtmlEscaped(), appId.toHtmlEscaped()),
                                   this);
    explanation->setWordWrap(true);
    auto *prompt = new QLabel(tr("Type %1 to confirm:").arg(appId), this);
    prompt->setBuddy(m_confirm);
    m_status->setWordWrap(true);
    m_status->hide();
    m_archive->setEnabled(false);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_archive);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(prompt);
    layout->addWidget(m_confirm);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_confirm, &QLineEdit::textChanged, this, &ArchiveAppDialog::updateButton);
    connect(m_archive, &QPushButton::clicked, this, &ArchiveAppDialog::startArchive);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_provisioner, &Provisioner::archived, this, [this](const QString &id) {
        if (!m_running || id != m_appId)
            return;
        m_running = false;
        m_status->setText(tr("%1 is archived.").arg(id));
        m_status->show();
        m_archive->hide();
        m_cancel->setText(tr("Close"));
        m_cancel->setEnabled(true);
        Q_EMIT appArchived(id);
    });
    connect(m_provisioner, &Provisioner::failed, this, [this](Provisioner::Step step, const QString &reason) {
        if (!m_running || step != Provisioner::Step::Archive)
            return;
        m_running = false;
        m_status->setText(tr("Archiving failed: %1").arg(reason));
        m_status->show();
        m_archive->setText(tr("Retry"));
        m_cancel->setEnabled(true);
        updateButton();
    });
}

void ArchiveAppDialog::updateButton()
{
    m_archive->setEnabled(!m_running && m_confirm->text() == m_appId);
}

void ArchiveAppDialog::startArchive()
{
    if (m_confirm->text() != m_appId || m_provisioner->isBusy())
        return;
    m_running = true;
    m_archive->setEnabled(false);
    m_cancel->setEnabled(false);
    m_status->setText(tr("Archiving %1…").arg(m_appId));
    m_status->show();
    m_provisioner->archive(m_appId);
}

} // namespace Dockmaster

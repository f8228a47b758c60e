#include "views/settings/connectioncheckdialog.h"

#include "core/gitlab/connectioncheck.h"
#include "core/gitlab/gitlabclient.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <utility>

namespace Dockmaster {

namespace {

using Status = ConnectionCheckLine::Status;

QString statusStyle(Status status)
{
    // Text colour and a tinted background; the word itself carries the meaning.
    static constexpr std::pair<Status, const char *> styles[] = {
        { Status::Ok, "color: #1e6b34; background: #dff3e4;" },
        { Status::Warning, "color: #7a5200; background: #fff1cc;" },
        { Status::Failed, "color: #ffffff; background: #b3261e;" },
        { Status::CouldNotCheck, "color: #3c3c3c; background: #e4e4e4;" },
    };
    for (const auto &[known, style] : styles) {
        if (known == status)
            return QString::fromLatin1(style);
    }
    return QStringLiteral("color: #555555;"); // still checking
}

QLabel *plainLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ConnectionCheckDialog::ConnectionCheckDialog(const QUrl &gitlabUrl, const QString &token, const QString &rootGroup,
                                             QWidget *parent)
    : QDialog(parent)
    , m_client(new GitLabClient(this))
    , m_check(nullptr)
{
    setObjectName(QStringLiteral("connectionCheckDialog"));
    setWindowTitle(tr("Connection check"));
    m_client->setBaseUrl(gitlabUrl);
    m_client->setToken(token);
    m_check = new ConnectionCheck(m_client, rootGroup, this);

    auto *heading = plainLabel(this);
    heading->setText(tr("%1, root group %2").arg(gitlabUrl.toString(QUrl::RemoveUserInfo), rootGroup));

    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(10);
    for (int i = 0; i < m_check->lines().size(); ++i) {
        Row row;
        row.status = new QLabel(content);
        row.status->setTextFormat(Qt::PlainText);
        row.status->setAlignment(Qt::AlignCenter);
        row.status->setMinimumWidth(110);
        row.status->setObjectName(QStringLiteral("status%1").arg(i));
        row.title = plainLabel(content);
        QFont bold = row.title->font();
        bold.setBold(true);
        row.title->setFont(bold);
        row.found = plainLabel(content);
        row.fix = plainLabel(content);
        auto *column = new QVBoxLayout;
        column->setSpacing(2);
        column->addWidget(row.title);
        column->addWidget(row.found);
        column->addWidget(row.fix);
        grid->addWidget(row.status, i, 0, Qt::AlignTop);
        grid->addLayout(column, i, 1);
        m_rows.append(row);
    }
    grid->setRowStretch(int(m_rows.size()), 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);

    m_summary = plainLabel(this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_repair = buttons->addButton(tr("Repair"), QDialogButtonBox::ActionRole);
    m_repair->setObjectName(QStringLiteral("repairButton"));
    m_repair->setToolTip(tr("Add the missing ops projects to their code projects' CI/CD job token allowlists"));
    m_again = buttons->addButton(tr("Check again"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_again, &QPushButton::clicked, m_check, &ConnectionCheck::start);
    connect(m_repair, &QPushButton::clicked, this, [this] {
        m_repair->setEnabled(false);
        m_repairError.clear();
        m_check->repair();
        updateSummary();
    });
    connect(m_check, &ConnectionCheck::lineChanged, this, &ConnectionCheckDialog::showLine);
    connect(m_check, &ConnectionCheck::finished, this, &ConnectionCheckDialog::updateSummary);
    connect(m_check, &ConnectionCheck::auditEntry, this, &ConnectionCheckDialog::auditEntry);
    connect(m_check, &ConnectionCheck::repairFinished, this, [this](const QString &error) {
        m_repairError = error;
        updateSummary();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(760, 620);

    for (int i = 0; i < m_rows.size(); ++i)
        showLine(i);
    m_check->start();
}

void ConnectionCheckDialog::showLine(int index)
{
    const ConnectionCheckLine &line = m_check->lines().at(index);
    const Row &row = m_rows.at(index);
    row.status->setText(ConnectionCheck::statusText(line.status));
    row.status->setStyleSheet(statusStyle(line.status) + QStringLiteral(" padding: 3px; border-radius: 3px;"));
    row.title->setText(line.title);
    row.found->setText(line.found);
    row.found->setVisible(!line.found.isEmpty());
    row.fix->setText(line.fix.isEmpty() ? QString() : tr("Fix: %1").arg(line.fix));
    row.fix->setVisible(!line.fix.isEmpty());
    m_repair->setEnabled(m_check->missingAllowlistEntries() > 0 && !m_check->isRepairing());
    updateSummary();
}

void ConnectionCheckDialog::updateSummary()
{
    m_again->setEnabled(m_check->isFinished() && !m_check->isRepairing());
    if (!m_repairError.isEmpty()) {
        m_summary->setText(tr("Repair failed: %1").arg(m_repairError));
        return;
    }
    if (m_check->isRepairing()) {
        m_summary->setText(tr("Adding the missing allowlist entries…"));
        return;
    }
    if (!m_check->isFinished()) {
        m_summary->setText(tr("Checking…"));
        return;
    }
    int failed = 0;
    int warnings = 0;
    for (const ConnectionCheckLine &line : m_check->lines()) {
        failed += line.status == Status::Failed || line.status == Status::CouldNotCheck;
        warnings += line.status == Status::Warning;
    }
    if (failed == 0 && warnings == 0)
        m_summary->setText(tr("Every check passed."));
    else if (failed == 0)
        m_summary->setText(tr("Nothing failed; %n warning(s).", nullptr, warnings));
    else
        m_summary->setText(tr("%1, %2.").arg(tr("%n line(s) failed or could not be checked", nullptr, failed),
                                             tr("%n warning(s)", nullptr, warnings)));
}

} // namespace Dockmaster

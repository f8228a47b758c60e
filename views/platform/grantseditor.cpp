#include "views/platform/grantseditor.h"

#include "core/util/untrustedtext.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Dockmaster {
namespace {

enum PermissionColumn { NameColumn, DescriptionColumn, RolesColumn };
enum PathColumn { PathColumn, OpenColumn };

} // namespace

GrantsEditor::GrantsEditor(QWidget *parent)
    : QWidget(parent)
    , m_environment(new QComboBox(this))
    , m_permissions(new QTreeWidget(this))
    , m_paths(new QTreeWidget(this))
    , m_status(new QLabel(this))
    , m_revert(new QPushButton(tr("Re&vert"), this))
    , m_save(new QPushButton(tr("&Save grants..."), this))
{
    setObjectName(QStringLiteral("grantsEditor"));
    m_environment->setObjectName(QStringLiteral("grantsEnvironment"));
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_permissions->setObjectName(QStringLiteral("declaredPermissions"));
    m_permissions->setHeaderLabels({ tr("Permission"), tr("What the plugin uses it for"), tr("Granted to roles") });
    m_permissions->setRootIsDecorated(false);
    m_permissions->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                   | QAbstractItemView::SelectedClicked);
    m_permissions->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_permissions->header()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_permissions->header()->setStretchLastSection(false);
    m_permissions->setColumnWidth(RolesColumn,
                                  fontMetrics().horizontalAdvance(QStringLiteral("support, finance")) + 40);
    m_permissions->setToolTip(tr("Double-click the roles to change them; separate roles with commas."));
    m_paths->setObjectName(QStringLiteral("openPaths"));
    m_paths->setHeaderLabels({ tr("Path the plugin asks to open"), tr("Open without sign-in") });
    m_paths->setRootIsDecorated(false);
    m_paths->header()->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    m_paths->header()->setStretchLastSection(false);
    m_paths->header()->setSectionResizeMode(OpenColumn, QHeaderView::ResizeToContents);
    m_paths->setMaximumHeight(fontMetrics().height() * 6);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_save->setObjectName(QStringLiteral("saveGrants"));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Grants in:"), this));
    top->addWidget(m_environment);
    top->addStretch(1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_permissions, 2);
    layout->addWidget(m_paths, 1);
    layout->addLayout(buttons);

    connect(m_environment, &QComboBox::currentIndexChanged, this, [this] {
        m_branchLoaded = false;
        rebuild();
        Q_EMIT environmentChosen(environment());
    });
    connect(m_permissions, &QTreeWidget::itemChanged, this, [this] { updateState(); });
    connect(m_paths, &QTreeWidget::itemChanged, this, [this] { updateState(); });
    connect(m_revert, &QPushButton::clicked, this, &GrantsEditor::rebuild);
    connect(m_save, &QPushButton::clicked, this, &GrantsEditor::confirmSave);
    rebuild();
}

void GrantsEditor::setEnvironments(const QList<Environment> &environments)
{
    const QSignalBlocker blocker(m_environment);
    m_environment->clear();
    for (const Environment environment : environments)
        m_environment->addItem(environmentDisplayName(environment), environmentKey(environment));
    m_branchLoaded = false;
    rebuild();
}

Environment GrantsEditor::environment() const
{
    return environmentFromKey(m_environment->currentData().toString()).value_or(Environment::Test);
}

void GrantsEditor::setManifest(const PlatformManifest &manifest)
{
    m_manifest = manifest;
    rebuild();
}

void GrantsEditor::setBranch(const GrantsPublisher::Branch &branch)
{
    if (branch.environment != environment())
        return; // an answer for the environment shown before
    m_branch = branch;
    m_branchLoaded = true;
    m_busy = false;
    rebuild();
    if (!branch.ok())
        setStatus(branch.error, true);
}

void GrantsEditor::setUnavailable(const QString &why)
{
    m_unavailable = why;
    updateState();
}

void GrantsEditor::setBusy(const QString &status)
{
    m_busy = true;
    setStatus(status);
}

void GrantsEditor::setStatus(const QString &status, bool error)
{
    m_busy = m_busy && !error;
    updateState();
    // What the controller says (a commit, a refusal) stays until the next edit.
    showStatus(status, error);
    m_describingEdits = error;
}

void GrantsEditor::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     error ? QColor(0xb0, 0x1c, 0x1c) : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

QString GrantsEditor::statusText() const
{
    return m_status->text();
}

QTreeWidgetItem *GrantsEditor::permissionRow(const QString &permission) const
{
    for (int i = 0; i < m_permissions->topLevelItemCount(); ++i)
        if (m_permissions->topLevelItem(i)->data(NameColumn, Qt::UserRole).toString() == permission)
            return m_permissions->topLevelItem(i);
    return nullptr;
}

void GrantsEditor::setRoles(const QString &permission, const QString &roles)
{
    if (QTreeWidgetItem *row = permissionRow(permission))
        row->setText(RolesColumn, roles);
}

void GrantsEditor::setPathOpen(const QString &path, bool open)
{
    for (int i = 0; i < m_paths->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_paths->topLevelItem(i);
        if (row->data(PathColumn, Qt::UserRole).toString() == path)
            row->setCheckState(OpenColumn, open ? Qt::Checked : Qt::Unchecked);
    }
}

void GrantsEditor::rebuild()
{
    const QSignalBlocker permissionsBlocker(m_permissions);
    const QSignalBlocker pathsBlocker(m_paths);
    m_permissions->clear();
    m_paths->clear();
    const EdgeGrants &saved = m_branch.grants;
    const bool loaded = m_branchLoaded && m_branch.ok();
    // The plugin's own words are third-party text: one plain line each.
    QStringList names;
    for (const PlatformManifest::Permission &permission : std::as_const(m_manifest.permissions)) {
        auto *row = new QTreeWidgetItem(m_permissions);
        row->setText(NameColumn, permission.name);
        row->setData(NameColumn, Qt::UserRole, permission.name);
        row->setText(DescriptionColumn, UntrustedText::line(permission.description));
        row->setToolTip(DescriptionColumn, UntrustedText::toolTip(permission.description));
        names.append(permission.name);
    }
    if (loaded) {
        for (auto it = saved.roles.cbegin(); it != saved.roles.cend(); ++it) {
            if (names.contains(it.key()))
                continue;
            auto *row = new QTreeWidgetItem(m_permissions);
            row->setText(NameColumn, it.key());
            row->setData(NameColumn, Qt::UserRole, it.key());
            row->setText(DescriptionColumn, tr("(no longer declared by the plugin)"));
            row->setForeground(DescriptionColumn, palette().brush(QPalette::PlaceholderText));
        }
    }
    for (int i = 0; i < m_permissions->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_permissions->topLevelItem(i);
        row->setText(RolesColumn,
                     loaded
                         ? saved.roles.value(row->data(NameColumn, Qt::UserRole).toString()).join(QStringLiteral(", "))
                         : QString());
        if (loaded && m_unavailable.isEmpty())
            row->setFlags(row->flags() | Qt::ItemIsEditable);
    }
    QStringList paths = m_manifest.anonymousPaths;
    if (loaded)
        for (const QString &path : saved.openPaths)
            if (!paths.contains(path))
                paths.append(path);
    for (const QString &path : std::as_const(paths)) {
        auto *row = new QTreeWidgetItem(m_paths);
        row->setText(PathColumn, path);
        row->setData(PathColumn, Qt::UserRole, path);
        if (!m_manifest.anonymousPaths.contains(path))
            row->setText(PathColumn, tr("%1 (no longer asked for)").arg(path));
        Qt::ItemFlags flags = row->flags() & ~Qt::ItemIsUserCheckable;
        if (loaded && m_unavailable.isEmpty())
            flags |= Qt::ItemIsUserCheckable;
        row->setFlags(flags);
        row->setCheckState(OpenColumn, loaded && saved.openPaths.contains(path) ? Qt::Checked : Qt::Unchecked);
    }
    m_paths->setVisible(!paths.isEmpty());
    if ((!m_branchLoaded && m_environment->count() > 0) || loaded)
        showStatus(committedStatus());
    m_describingEdits = false;
    updateState();
}

EdgeGrants GrantsEditor::editedGrants(QString *error) const
{
    EdgeGrants grants;
    for (int i = 0; i < m_permissions->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = m_permissions->topLevelItem(i);
        const EdgeGrantsResult next
            = EdgeGrantsFile::withRoles(grants, row->data(NameColumn, Qt::UserRole).toString(), row->text(RolesColumn));
        if (!next.ok()) {
            if (error && error->isEmpty())
                *error = next.errors.constFirst();
            continue;
        }
        grants = next.grants;
    }
    for (int i = 0; i < m_paths->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = m_paths->topLevelItem(i);
        if (row->checkState(OpenColumn) == Qt::Checked)
            grants.openPaths.append(row->data(PathColumn, Qt::UserRole).toString());
    }
    std::sort(grants.openPaths.begin(), grants.openPaths.end());
    return grants;
}

void GrantsEditor::updateState()
{
    QString error;
    const EdgeGrants edited = editedGrants(&error);
    const bool loaded = m_branchLoaded && m_branch.ok();
    const bool modified = loaded && edited != m_branch.grants;
    m_save->setEnabled(loaded && !m_busy && m_unavailable.isEmpty() && modified && error.isEmpty());
    m_revert->setEnabled(loaded && !m_busy && modified);
    m_environment->setEnabled(!m_busy);
    if (!m_unavailable.isEmpty())
        m_save->setToolTip(m_unavailable);
    else
        m_save->setToolTip(error);
    // A changed grant stands out until it is saved or reverted.
    {
        const QSignalBlocker blocker(m_permissions);
        for (int i = 0; i < m_permissions->topLevelItemCount(); ++i) {
            QTreeWidgetItem *row = m_permissions->topLevelItem(i);
            const QString permission = row->data(NameColumn, Qt::UserRole).toString();
            QFont font = row->font(RolesColumn);
            font.setBold(loaded && edited.roles.value(permission) != m_branch.grants.roles.value(permission));
            row->setFont(RolesColumn, font);
        }
    }
    const bool wasDescribingEdits = m_describingEdits;
    m_describingEdits = false;
    if (m_busy)
        return;
    if (!error.isEmpty()) {
        showStatus(tr("Not saved: %1").arg(error), true);
        m_describingEdits = true;
    } else if (!m_unavailable.isEmpty() && loaded) {
        showStatus(m_unavailable);
    } else if (modified) {
        showStatus(tr("Changed here, not saved yet: %1").arg(edited.changesFrom(m_branch.grants).join(u"; ")));
        m_describingEdits = true;
    } else if (wasDescribingEdits) {
        showStatus(committedStatus());
    }
}

QString GrantsEditor::committedStatus() const
{
    if (!m_branchLoaded)
        return tr("Reading the grants of %1...").arg(environmentBranch(environment()));
    return m_branch.grants.isEmpty() ? tr("Nothing is granted in %1: signed-in visitors reach the plugin without "
                                          "any permission.")
                                           .arg(environmentDisplayName(environment()))
                                     : tr("As committed on %1.").arg(environmentBranch(environment()));
}

void GrantsEditor::confirmSave()
{
    QString error;
    const EdgeGrants grants = editedGrants(&error);
    if (!error.isEmpty())
        return;
    const QStringList changes = grants.changesFrom(m_branch.grants);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Save grants"),
                                tr("Commit these grants to %1? Its pipeline deploys them to the host's nginx.")
                                    .arg(environmentBranch(environment())),
                                QMessageBox::Save | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmGrants"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(changes.join(QLatin1Char('\n')));
    box->setTextFormat(Qt::PlainText);
    const Environment target = environment();
    const GrantsPublisher::Branch base = m_branch;
    connect(box, &QMessageBox::finished, this, [this, box, target, grants, base](int) {
        if (box->clickedButton() != box->button(QMessageBox::Save) || target != environment())
            return;
        setBusy(tr("Checking and committing the grants..."));
        Q_EMIT saveRequested(target, grants, base);
    });
    box->open();
}

} // namespace Dockmaster

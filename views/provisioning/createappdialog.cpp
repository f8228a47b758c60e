#include "views/provisioning/createappdialog.h"

#include "core/provisioning/inventoryallocator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Dockmaster {
namespace {

constexpr int StepRole = Qt::UserRole + 1;

} // namespace

CreateAppDialog::CreateAppDialog(Provisioner *provisioner, InventoryAllocator *allocator, QWidget *parent)
    : QDialog(parent)
    , m_provisioner(provisioner)
    , m_allocator(allocator)
    , m_pages(new QStackedWidget(this))
    , m_name(new QLineEdit(this))
    , m_owner(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_test(new QCheckBox(tr("Test"), this))
    , m_production(new QCheckBox(tr("Production"), this))
    , m_testHost(new QComboBox(this))
    , m_productionHost(new QComboBox(this))
    , m_fallback(new QComboBox(this))
    , m_steps(new QListWidget(this))
    , m_progress(new QProgressBar(this))
    , m_failure(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_create(new QPushButton(tr("Create"), this))
    , m_retry(new QPushButton(tr("Retry"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setWindowTitle(tr("Create app"));

    auto *formPage = new QWidget(m_pages);
    auto *form = new QFormLayout(formPage);
    // One character past the limit gets in, so the field's message explains
    // the limit instead of the field silently dropping what is typed.
    m_name->setMaxLength(ProvisionValidation::MaxNameLength + 1);
    m_name->setPlaceholderText(tr("e.g. Shop Cart"));
    m_owner->setPlaceholderText(tr("GitLab username of the developer"));
    m_description->setMaxLength(ProvisionValidation::MaxDescriptionLength + 1);
    addField(form, tr("&Name:"), m_name, QStringLiteral("name"));
    addField(form, tr("&Owner:"), m_owner, QStringLiteral("owner"));
    addField(form, tr("&Description:"), m_description, QStringLiteral("description"));
    auto *environments = new QWidget(formPage);
    auto *environmentRow = new QHBoxLayout(environments);
    environmentRow->setContentsMargins(0, 0, 0, 0);
    environmentRow->addWidget(m_test);
    environmentRow->addWidget(m_production);
    environmentRow->addStretch();
    m_test->setChecked(true);
    m_production->setChecked(true);
    addField(form, tr("Environments:"), environments, QStringLiteral("environments"));
    for (QComboBox *combo : { m_testHost, m_productionHost })
        combo->addItem(tr("Automatic (most free capacity)"), QString());
    addField(form, tr("Test host:"), m_testHost, QStringLiteral("test_host"));
    addField(form, tr("Production host:"), m_productionHost, QStringLiteral("production_host"));
    m_fallback->addItem(tr("Hardened PHP on the host"), QStringLiteral("hardened-php"));
    m_fallback->addItem(tr("Static maintenance page"), QStringLiteral("static"));
    addField(form, tr("Production &fallback:"), m_fallback, QStringLiteral("fallback_mode"));
    m_pages->addWidget(formPage);

    auto *progressPage = new QWidget(m_pages);
    auto *progressLayout = new QVBoxLayout(progressPage);
    progressLayout->addWidget(m_summary);
    progressLayout->addWidget(m_steps);
    progressLayout->addWidget(m_progress);
    m_steps->setAccessibleName(tr("Steps"));
    m_failure->setWordWrap(true);
    m_failure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failure->setStyleSheet(QStringLiteral("color: palette(highlighted-text); background: #b3261e; padding: 4px;"));
    m_failure->hide();
    progressLayout->addWidget(m_failure);
    for (Provisioner::Step step : Provisioner::createSteps()) {
        auto *item = new QListWidgetItem(Provisioner::stepTitle(step), m_steps);
        item->setData(StepRole, int(step));
    }
    m_progress->setRange(0, int(Provisioner::createSteps().size()));
    m_pages->addWidget(progressPage);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_retry);
    buttons->addWidget(m_create);
    buttons->addWidget(m_close);
    m_retry->hide();
    m_create->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addLayout(buttons);

    for (QLineEdit *edit : { m_name, m_owner, m_description })
        connect(edit, &QLineEdit::textChanged, this, &CreateAppDialog::checkFields);
    for (QCheckBox *check : { m_test, m_production })
        connect(check, &QCheckBox::toggled, this, &CreateAppDialog::checkFields);
    connect(m_create, &QPushButton::clicked, this, &CreateAppDialog::startProvisioning);
    connect(m_retry, &QPushButton::clicked, this, &CreateAppDialog::retry);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    connect(m_provisioner, &Provisioner::inputRefused, this, [this](const QList<ProvisionFieldError> &errors) {
        m_pages->setCurrentIndex(0);
        m_create->show();
        m_create->setEnabled(true);
        m_close->setEnabled(true);
        showFieldErrors(errors);
    });
    connect(m_provisioner, &Provisioner::allocated, this,
            [this](const QString &appId) { m_summary->setText(tr("Creating %1 (%2)…").arg(m_name->text(), appId)); });
    connect(m_provisioner, &Provisioner::stepStarted, this,
            [this](Provisioner::Step step) { setStepState(step, QStringLiteral("running")); });
    connect(m_provisioner, &Provisioner::stepFinished, this, [this](Provisioner::Step step, bool alreadyDone) {
        setStepState(step, alreadyDone ? QStringLiteral("skipped") : QStringLiteral("done"));
    });
    connect(m_provisioner, &Provisioner::failed, this, [this](Provisioner::Step step, const QString &reason) {
        if (m_pages->currentIndex() != 1)
            showSteps();
        setStepState(step, QStringLiteral("failed"));
        m_failure->setText(tr("Step \"%1\" failed: %2").arg(Provisioner::stepTitle(step), reason));
        m_failure->show();
        growToFit();
        m_retry->show();
        m_retry->setEnabled(true);
        m_close->setEnabled(true);
    });
    connect(m_provisioner, &Provisioner::finished, this, [this](const QString &appId) {
        m_summary->setText(tr("%1 is ready.").arg(appId));
        m_progress->setValue(m_progress->maximum());
        m_retry->hide();
        m_close->setEnabled(true);
        m_close->setText(tr("Done"));
        Q_EMIT appCreated(appId);
    });

    loadHosts();
    checkFields();
}

QLabel *CreateAppDialog::addField(QFormLayout *form, const QString &label, QWidget *editor, const QString &field)
{
    auto *box = new QWidget(editor->parentWidget());
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    editor->setParent(box);
    column->addWidget(editor);
    auto *message = new QLabel(box);
    message->setObjectName(field + QStringLiteral("Message"));
    message->setWordWrap(true);
    message->setStyleSheet(QStringLiteral("color: #b3261e;"));
    message->hide();
    column->addWidget(message);
    form->addRow(label, box);
    if (auto *labelWidget = qobject_cast<QLabel *>(form->labelForField(box)))
        labelWidget->setBuddy(editor);
    // The label is not the editor's sibling, so Qt's accessibility does not
    // find it through the buddy: the editor carries the label's words itself.
    QString name = label;
    static const QRegularExpression mnemonic(QStringLiteral("\\(&.\\)")); // "名称(&N)："
    name.remove(mnemonic);
    name.remove(QLatin1Char('&'));
    while (name.endsWith(QLatin1Char(':')) || name.endsWith(QChar(0xff1a))) // ':' and the full-width '：'
        name.chop(1);
    editor->setAccessibleName(name.trimmed());
    m_fieldMessages.insert(field, message);
    return message;
}

QString CreateAppDialog::fieldMessage(const QString &field) const
{
    const QLabel *label = m_fieldMessages.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

ProvisionRequest CreateAppDialog::request() const
{
    ProvisionRequest r;
    r.name = m_name->text();
    r.owner = m_owner->text();
    r.description = m_description->text();
    if (m_test->isChecked())
        r.environments.append(QStringLiteral("test"));
    if (m_production->isChecked())
        r.environments.append(QStringLiteral("production"));
    r.testHost = m_testHost->currentData().toString();
    r.productionHost = m_productionHost->currentData().toString();
    r.fallbackMode = m_fallback->currentData().toString();
    return r;
}

void CreateAppDialog::reject()
{
    // Closing mid-way would hide a half-made app; it stops between steps only
    // on failure (then Retry, or resume later from the inventory record).
    if (m_provisioner->isBusy())
        return;
    QDialog::reject();
}

void CreateAppDialog::checkFields()
{
    const ProvisionRequest r = request();
    // An untouched empty field is not an error yet; a touched one is.
    QList<ProvisionFieldError> errors = ProvisionValidation::check(r);
    errors.removeIf([this](const ProvisionFieldError &e) {
        return (e.field == QLatin1String("name") && !m_name->isModified())
            || (e.field == QLatin1String("owner") && !m_owner->isModified());
    });
    showFieldErrors(errors);
    m_create->setEnabled(ProvisionValidation::check(r).isEmpty() && !m_provisioner->isBusy());
    m_testHost->setEnabled(m_test->isChecked());
    m_productionHost->setEnabled(m_production->isChecked());
    m_fallback->setEnabled(m_production->isChecked());
}

void CreateAppDialog::showFieldErrors(const QList<ProvisionFieldError> &errors)
{
    for (auto it = m_fieldMessages.begin(); it != m_fieldMessages.end(); ++it) {
        QString text;
        for (const ProvisionFieldError &e : errors) {
            if (e.field == it.key())
                text = e.message;
        }
        it.value()->setText(text);
        it.value()->setVisible(!text.isEmpty());
    }
    growToFit();
}

void CreateAppDialog::growToFit()
{
    // A dialog keeps the size it was opened with: a message that appears, or
    // wraps onto a second line, would otherwise be cut off at the bottom.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width()) : sizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void CreateAppDialog::loadHosts()
{
    if (!m_allocator)
        return;
    m_allocator->readConfig(this, [this](std::optional<InventoryConfig> config, const QString &) {
        if (!config)
            return;
        for (const InventoryHostSpec &host : std::as_const(config->hosts)) {
            QComboBox *combo = host.environment == QLatin1String("test") ? m_testHost
                : host.environment == QLatin1String("production")        ? m_productionHost
                                                                         : nullptr;
            if (combo)
                combo->addItem(tr("%1 (%2)").arg(host.name, host.address), host.name);
        }
    });
}

void CreateAppDialog::showSteps()
{
    m_pages->setCurrentIndex(1);
    m_create->hide();
    m_failure->hide();
    m_retry->hide();
    m_close->setEnabled(false);
}

void CreateAppDialog::startProvisioning()
{
    m_name->setModified(true);
    m_owner->setModified(true);
    checkFields();
    const ProvisionRequest r = request();
    if (!ProvisionValidation::check(r).isEmpty())
        return;
    m_create->setEnabled(false);
    for (int i = 0; i < m_steps->count(); ++i)
        m_steps->item(i)->setText(Provisioner::stepTitle(Provisioner::Step(m_steps->item(i)->data(StepRole).toInt())));
    m_progress->setValue(0);
    m_summary->setText(tr("Checking the owner and the hosts…"));
    showSteps();
    m_provisioner->start(r);
}

void CreateAppDialog::resumeApp(const QString &appId)
{
    m_summary->setText(tr("Continuing %1…").arg(appId));
    showSteps();
    m_provisioner->resume(appId);
}

void CreateAppDialog::retry()
{
    m_failure->hide();
    m_retry->setEnabled(false);
    m_close->setEnabled(false);
    const QString id = m_provisioner->appId();
    if (id.isEmpty())
        m_provisioner->start(request()); // nothing was allocated yet
    else
        m_provisioner->resume(id);
}

void CreateAppDialog::setStepState(Provisioner::Step step, const QString &state)
{
    int finishedSteps = 0;
    for (int i = 0; i < m_steps->count(); ++i) {
        QListWidgetItem *item = m_steps->item(i);
        if (item->data(StepRole).toInt() == int(step)) {
            const QString title = Provisioner::stepTitle(step);
            if (state == QLatin1String("running"))
                item->setText(tr("%1 — running…").arg(title));
            else if (state == QLatin1String("done"))
                item->setText(tr("%1 — done").arg(title));
            else if (state == QLatin1String("skipped"))
                item->setText(tr("%1 — already done").arg(title));
            else
                item->setText(tr("%1 — failed").arg(title));
            item->setData(Qt::UserRole + 2, state);
        }
        const QString itemState = item->data(Qt::UserRole + 2).toString();
        finishedSteps += itemState == QLatin1String("done") || itemState == QLatin1String("skipped") ? 1 : 0;
    }
    m_progress->setValue(finishedSteps);
}

} // namespace Dockmaster

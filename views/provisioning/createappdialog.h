#pragma once

#include "core/provisioning/provisioner.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace Dockmaster {

class InventoryAllocator;

// The create-app wizard: a form whose every field is checked as it is typed
// (the message sits under the field), then the provisioning steps with their
// progress, and on failure the step, the reason and a Retry button that
// resumes where it stopped. All work goes through Provisioner.
class CreateAppDialog final : public QDialog
{
    Q_OBJECT
public:
    CreateAppDialog(Provisioner *provisioner, InventoryAllocator *allocator, QWidget *parent = nullptr);

    // Opens straight on the step list and continues an unfinished app.
    void resumeApp(const QString &appId);

    ProvisionRequest request() const;
    QString appId() const { return m_provisioner->appId(); }

    // For tests and the main window.
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *ownerEdit() const { return m_owner; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QCheckBox *testCheck() const { return m_test; }
    QCheckBox *productionCheck() const { return m_production; }
    QComboBox *testHostCombo() const { return m_testHost; }
    QComboBox *productionHostCombo() const { return m_productionHost; }
    QComboBox *fallbackCombo() const { return m_fallback; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *retryButton() const { return m_retry; }
    QListWidget *stepList() const { return m_steps; }
    QLabel *failureLabel() const { return m_failure; }
    // The message shown under a field ("name", "owner", ...), empty when fine.
    QString fieldMessage(const QString &field) const;

    void reject() override;

Q_SIGNALS:
    void appCreated(const QString &appId);

private:
    QLabel *addField(QFormLayout *form, const QString &label, QWidget *editor, const QString &field);
    void checkFields();
    void showFieldErrors(const QList<ProvisionFieldError> &errors);
    // Grows the dialog when a message wraps onto more lines than fit (never shrinks it).
    void growToFit();
    void startProvisioning();
    void retry();
    void showSteps();
    void setStepState(Provisioner::Step step, const QString &state);
    void loadHosts();

    Provisioner *m_provisioner;
    InventoryAllocator *m_allocator;
    QStackedWidget *m_pages;
    QLineEdit *m_name;
    QLineEdit *m_owner;
    QLineEdit *m_description;
    QCheckBox *m_test;
    QCheckBox *m_production;
    QComboBox *m_testHost;
    QComboBox *m_productionHost;
    QComboBox *m_fallback;
    QHash<QString, QLabel *> m_fieldMessages;
    QListWidget *m_steps;
    QProgressBar *m_progress;
    QLabel *m_failure;
    QLabel *m_summary;
    QPushButton *m_create;
    QPushButton *m_retry;
    QPushButton *m_close;
};

} // namespace Dockmaster

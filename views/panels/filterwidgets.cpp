#include "views/panels/filterwidgets.h"

#include "core/domain/environment.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QTreeView>

namespace Dockmaster::FilterWidgets {

QLineEdit *searchField(const QString &placeholder, const QString &accessibleName, QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setPlaceholderText(placeholder);
    field->setClearButtonEnabled(true);
    field->setAccessibleName(accessibleName);
    return field;
}

void shrinkable(QComboBox *choice)
{
    // Sized for a short word, not its longest entry: the filter row must
    // not decide how narrow a panel can be on a laptop (the text elides).
    choice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    choice->setMinimumContentsLength(6);
}

QComboBox *environmentChoice(QWidget *parent)
{
    auto *choice = new QComboBox(parent);
    shrinkable(choice);
    choice->setAccessibleName(QCoreApplication::translate("Dockmaster::FilterWidgets", "Environment filter"));
    choice->addItem(QCoreApplication::translate("Dockmaster::FilterWidgets", "All environments"), QString());
    for (Environment environment : AllEnvironments)
        choice->addItem(environmentDisplayName(environment), environmentKey(environment));
    return choice;
}

QTreeView *table(QAbstractItemModel *model, const QString &accessibleName, QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setModel(model);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true); // lets a 10,000-row view paint without measuring every row
    view->setAlternatingRowColors(true);
    view->setAccessibleName(accessibleName);
    view->header()->setStretchLastSection(true);
    return view;
}

} // namespace Dockmaster::FilterWidgets

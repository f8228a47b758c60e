#pragma once

class QAbstractItemModel;
class QComboBox;
class QLineEdit;
class QString;
class QTreeView;
class QWidget;

// The widgets every panel builds its filter row and table from, so panels
// look and behave alike.
namespace Dockmaster::FilterWidgets {

QLineEdit *searchField(const QString &placeholder, const QString &accessibleName, QWidget *parent);
// "All environments" (data: empty) followed by each environment (data: its key).
QComboBox *environmentChoice(QWidget *parent);
// A filter choice that may be narrower than its longest entry.
void shrinkable(QComboBox *choice);
// A flat, sortable table view over `model`.
QTreeView *table(QAbstractItemModel *model, const QString &accessibleName, QWidget *parent);

} // namespace Dockmaster::FilterWidgets

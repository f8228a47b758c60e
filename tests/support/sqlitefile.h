#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Dockmaster::Test {

// The first value `sql` gives on the SQLite file at `path`, read over a
// connection of its own, the way another tool would look at the file; the
// error text when it fails (a statement, or the file itself).
inline QString sqliteValue(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("dockmaster-test-probe");
    QString value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            value = query.exec(sql) && query.next() ? query.value(0).toString() : query.lastError().text();
        } else {
            value = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace Dockmaster::Test

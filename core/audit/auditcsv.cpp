#include "core/audit/auditcsv.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace Dockmaster {

QByteArray AuditCsv::field(QString value)
{
    if (!value.isEmpty()) {
        const QChar first = value.front();
        if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-')
            || first == QLatin1Char('@') || first == QLatin1Char('\t') || first == QLatin1Char('\r'))
            value.prepend(QLatin1Char('\''));
    }
    value.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return '"' + value.toUtf8() + '"';
}

QByteArray AuditCsv::toCsv(const QList<AuditEntry> &entries)
{
    QByteArray out("\xEF\xBB\xBF");
    // Stable English column names: scripts read these files too.
    out += "\"time_utc\",\"admin\",\"action\",\"app\",\"environment\",\"detail\"\r\n";
    for (const AuditEntry &entry : entries) {
        out += field(entry.at.toUTC().toString(Qt::ISODate)) + ',' + field(entry.actor) + ',' + field(entry.action)
            + ',' + field(entry.appId) + ',' + field(entry.environment) + ',' + field(entry.detail) + "\r\n";
    }
    return out;
}

QString AuditCsv::write(const QString &path, const QList<AuditEntry> &entries)
{
    return writeBytes(path, toCsv(entries));
}

QString AuditCsv::writeBytes(const QString &path, const QByteArray &csv)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QCoreApplication::translate("Dockmaster::AuditCsv", "Cannot write %1: %2").arg(path, file.errorString());
    file.write(csv);
    if (!file.commit())
        return QCoreApplication::translate("Dockmaster::AuditCsv", "Cannot write %1: %2").arg(path, file.errorString());
    return QString();
}

} // namespace Dockmaster

#pragma once

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QUuid>
#include <QVariant>

#include <cstdio>

// What the crash tests of issue 23 share: a child process run to a step and
// SIGKILLed there (the child prints "stopped at STEP" and waits), and counts
// read from a profile's journal after the kill.
namespace Dockmaster::Test {

struct ChildRun {
    int exitCode = -1; // -1: killed, crashed or timed out
    QString output;
    bool stopped = false; // it reached the step and was killed there
};

// Runs program with args; with a step other than "none", SIGKILLs it once it
// says it stopped there. Its stderr goes to ours. Generous timeouts: a busy
// machine is slow, never wrong.
inline ChildRun runKilledChild(const QString &program, const QStringList &args, const QString &stop)
{
    ChildRun run;
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.setReadChannel(QProcess::StandardOutput);
    QObject::connect(&child, &QProcess::readyReadStandardError, &child,
                     [&child] { std::fputs(child.readAllStandardError().constData(), stderr); });
    child.start(program, args);
    if (!child.waitForStarted(60000))
        return run;
    const bool stopping = stop != QLatin1String("none");
    const QByteArray marker = "stopped at " + stop.toUtf8() + '\n';
    QByteArray output;
    const bool done = QTest::qWaitFor(
        [&] {
            output += child.readAllStandardOutput();
            if (stopping && output.contains(marker))
                return true;
            return child.state() == QProcess::NotRunning;
        },
        300000);
    output += child.readAllStandardOutput();
    run.output = QString::fromUtf8(output);
    if (stopping && output.contains(marker)) {
        run.stopped = true;
        child.kill(); // SIGKILL
        child.waitForFinished(60000);
        return run;
    }
    if (!done) {
        child.kill();
        child.waitForFinished(60000);
        return run;
    }
    run.exitCode = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    return run;
}

// COUNT(*) of a query on the profile's journal; -1 when it cannot be read.
inline int journalCount(const QString &profile, const QString &sql, const QVariantList &values = {})
{
    int count = -1;
    const QString name = QStringLiteral("check-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(profile + QStringLiteral("/journal.sqlite"));
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant &value : values)
                query.addBindValue(value);
            if (query.exec() && query.next())
                count = query.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

// Rows of the profile's journal where column equals value (0 without a journal).
inline int journalRowsWhere(const QString &profile, const QString &column, const QString &value)
{
    if (!QFile::exists(profile + QStringLiteral("/journal.sqlite")))
        return 0;
    // The journal is opened and its schema written on the cache's worker
    // thread, while the action starts on the main one: on a busy machine a
    // child killed at its first step can leave the file without its tables.
    // No table holds no row; a table that cannot be read stays -1.
    const int tables = journalCount(
        profile, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"));
    if (tables <= 0)
        return tables;
    return journalCount(profile, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE %1 = ?").arg(column), { value });
}

} // namespace Dockmaster::Test

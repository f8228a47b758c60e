#include "core/render/configvalidator.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace Dockmaster {

ConfigValidator::ConfigValidator(QObject *parent)
    : QObject(parent)
    , m_tools(ConfigValidation::Tools::detect())
{
    qRegisterMetaType<Dockmaster::ValidationReport>();
}

ConfigValidator::~ConfigValidator()
{
    // Running checks own copies of their inputs; waiting keeps their
    // temporary folders from outliving the console.
    const QList<QFutureWatcherBase *> watchers = findChildren<QFutureWatcherBase *>(Qt::FindDirectChildrenOnly);
    for (QFutureWatcherBase *watcher : watchers) {
        watcher->disconnect(this);
        watcher->waitForFinished();
    }
}

quint64 ConfigValidator::validate(const QString &fileName, const QByteArray &content, ConfigFileKind kind)
{
    const quint64 id = m_nextId++;
    auto *watcher = new QFutureWatcher<ValidationReport>(this);
    connect(watcher, &QFutureWatcher<ValidationReport>::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        --m_pending;
        Q_EMIT finished(id, watcher->result());
    });
    ++m_pending;
    watcher->setFuture(QtConcurrent::run(&ConfigValidation::run, fileName, content, kind, m_tools));
    return id;
}

} // namespace Dockmaster

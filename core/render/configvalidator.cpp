#include "core/render/configvalidator.h"

#include <QFutureWatcher>
#include <QPointer>
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

void ConfigValidator::validate(const QString &fileName, const QByteArray &content, ConfigFileKind kind,
                               QObject *context, std::function<void(const ValidationReport &)> done)
{
    auto *watcher = new QFutureWatcher<ValidationReport>(this);
    connect(
        watcher, &QFutureWatcher<ValidationReport>::finished, this,
        [this, watcher, guard = QPointer<QObject>(context), hasContext = context != nullptr, done = std::move(done)] {
            watcher->deleteLater();
            --m_pending;
            if (done && (!hasContext || guard))
                done(watcher->result());
        });
    ++m_pending;
    watcher->setFuture(QtConcurrent::run(&ConfigValidation::run, fileName, content, kind, m_tools));
}

} // namespace Dockmaster

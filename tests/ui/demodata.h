#pragma once

#include "core/domain/records.h"
#include "views/shell/translations.h"

#include <QApplication>
#include <QTranslator>

namespace Dockmaster::Test {

// `count` pending release requests of apps app0001000, app0001037, … (test
// and production in turn), the oldest first by age.
inline QList<ReleaseRequest> demoRequests(int count = 5)
{
    QList<ReleaseRequest> requests;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < count; ++i) {
        ReleaseRequest request;
        request.projectId = 100 + i;
        request.iid = 3 + i;
        request.appId = QStringLiteral("app%1").arg(1000 + i * 37, 7, 10, QLatin1Char('0'));
        request.environment = i % 2 ? Environment::Production : Environment::Test;
        request.requestedRef = QStringLiteral("v1.%1.2").arg(i);
        request.resolvedSha = QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b");
        request.requester = i % 2 ? QStringLiteral("bob") : QStringLiteral("chen.wei");
        request.state = ReleaseState::Pending;
        request.createdAt = now.addSecs(-3600 * (2 + i * 9));
        requests.append(request);
    }
    return requests;
}

// Switches the running application's language (the shell's own catalogs).
inline void useLanguage(const QString &language)
{
    for (QTranslator *old : qApp->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    installTranslations(qApp, language);
}

} // namespace Dockmaster::Test

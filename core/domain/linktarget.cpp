#include "core/domain/linktarget.h"

namespace Dockmaster {
namespace {

// The address without what does not name a page: the anchor, the query and
// trailing slashes.
QString pageOf(QString address)
{
    address = address.trimmed();
    for (const QChar cut : { QLatin1Char('#'), QLatin1Char('?') }) {
        if (const qsizetype at = address.indexOf(cut); at >= 0)
            address.truncate(at);
    }
    while (address.endsWith(QLatin1Char('/')))
        address.chop(1);
    return address;
}

bool samePage(const QString &a, const QString &b)
{
    return !b.isEmpty() && a.compare(pageOf(b), Qt::CaseInsensitive) == 0;
}

// `page` is `project` itself or one of its sub-pages; "…/apps/shop" does
// not contain "…/apps/shop-admin".
bool withinProject(const QString &page, const QString &project)
{
    const QString root = pageOf(project);
    if (root.isEmpty() || !page.startsWith(root, Qt::CaseInsensitive))
        return false;
    return page.size() == root.size() || page.at(root.size()) == QLatin1Char('/');
}

// N of a link to `project`/-/issues/N (and its sub-pages), else 0.
qint64 issueIidIn(const QString &page, const QString &project)
{
    const QString prefix = pageOf(project) + QStringLiteral("/-/issues/");
    if (!page.startsWith(prefix, Qt::CaseInsensitive))
        return 0;
    const QString rest = page.mid(prefix.size());
    bool ok = false;
    const qint64 iid = rest.section(QLatin1Char('/'), 0, 0).toLongLong(&ok);
    return ok && iid > 0 ? iid : 0;
}

} // namespace

std::optional<LinkTarget> resolveLink(const QString &link, const QList<AppRecord> &apps,
                                      const QList<ReleaseRequest> &requests)
{
    const QString page = pageOf(link);
    if (page.isEmpty())
        return std::nullopt;
    for (const ReleaseRequest &request : requests) {
        if (samePage(page, request.webUrl))
            return LinkTarget { request.appId, request, 0 };
    }
    for (const AppRecord &app : apps) {
        if (withinProject(page, app.codeWebUrl) || withinProject(page, app.opsWebUrl))
            return LinkTarget { app.id, std::nullopt, issueIidIn(page, app.codeWebUrl) };
    }
    const QString word = link.trimmed();
    for (const AppRecord &app : apps) {
        if (app.id.compare(word, Qt::CaseInsensitive) == 0)
            return LinkTarget { app.id, std::nullopt, 0 };
    }
    for (const AppRecord &app : apps) {
        if (!app.name.isEmpty() && app.name.compare(word, Qt::CaseInsensitive) == 0)
            return LinkTarget { app.id, std::nullopt, 0 };
    }
    return std::nullopt;
}

} // namespace Dockmaster

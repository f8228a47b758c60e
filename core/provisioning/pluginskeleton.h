#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Dockmaster {

struct SkeletonLabel {
    QString name;
    QString color;
    QString description;
};

// The platform's standard plugin skeleton for a new code repository A, and
// the labels release requests use. `appId` and `name` must be validated.
class PluginSkeleton final
{
public:
    static QHash<QString, QByteArray> files(const QString &appId, const QString &name, const QString &testDomain,
                                            const QString &productionDomain);
    static QList<SkeletonLabel> labels();
    static QString releaseTemplatePath() { return QStringLiteral(".gitlab/issue_templates/Release request.md"); }
    // The platform's PHP SDK (identity, permissions, key/value store), as
    // shipped in every new repository.
    static QString sdkPath() { return QStringLiteral("lib/Platform.php"); }
    static QByteArray sdk();
};

} // namespace Dockmaster

// libFuzzer target: the editor's structural and policy checks of rendered
// configuration files, and the template engine that renders them.
#include "core/render/configvalidation.h"
#include "core/render/templateengine.h"
#include "core/render/yamlsyntax.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Dockmaster;
    const QByteArray content = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)ConfigValidation::structuralNginx(content);
    (void)ConfigValidation::structuralIni(content);
    (void)YamlSyntax::firstError(content);
    for (const QString &path :
         { QStringLiteral("nginx/site.conf"), QStringLiteral("php/pool.conf"), QStringLiteral("php/php.ini"),
           QStringLiteral("docker-compose.yml"), QStringLiteral(".gitlab-ci.yml"), QStringLiteral("app.json") })
        (void)ConfigValidation::policy(configFileKindForPath(path), content);
    const QHash<QString, QString> values { { QStringLiteral("app_id"), QStringLiteral("app0000001") },
                                           { QStringLiteral("port"), QStringLiteral("18080") },
                                           { QStringLiteral("domain"), QStringLiteral("a.example") } };
    (void)TemplateEngine::render(QString::fromUtf8(content), values);
    return 0;
}

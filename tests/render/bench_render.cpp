#include "core/render/configrenderer.h"
#include "core/render/configvalidation.h"
#include "tests/render/renderfixtures.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace Dockmaster;

// Prints "name value unit" lines: how long checking and rendering one
// environment takes, and what each real validator costs per file.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int rounds = 500;

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i) {
        const RenderInputResult checked = RenderInput::validate(RenderFixtures::phpTest());
        if (!checked.ok())
            return 1;
    }
    std::printf("validate_input %.1f us\n", static_cast<double>(timer.nsecsElapsed()) / rounds / 1000.0);

    const RenderInputResult checked = RenderInput::validate(RenderFixtures::phpTest());
    timer.restart();
    ConfigRenderer::Result rendered;
    for (int i = 0; i < rounds; ++i)
        rendered = ConfigRenderer::render(*checked.input);
    std::printf("render_environment %.1f us\n", static_cast<double>(timer.nsecsElapsed()) / rounds / 1000.0);

    const ConfigValidation::Tools tools = ConfigValidation::Tools::detect();
    for (const RenderedFile &file : std::as_const(rendered.files)) {
        if (configFileKindForPath(file.path) == ConfigFileKind::Other)
            continue;
        constexpr int checks = 5;
        timer.restart();
        ValidationReport report;
        for (int i = 0; i < checks; ++i)
            report = ConfigValidation::run(file.path, file.content, ConfigFileKind::Auto, tools);
        QByteArray name = file.path.toUtf8();
        name.replace('/', '_');
        std::printf("validate_%s_%s %.1f ms\n", name.constData(), report.realTool ? "real" : "structural",
                    static_cast<double>(timer.nsecsElapsed()) / checks / 1e6);
    }
    const ConfigValidation::Tools none;
    timer.restart();
    for (int i = 0; i < rounds; ++i)
        ConfigValidation::run(QStringLiteral("conf/nginx-outer.conf"), rendered.files.constFirst().content,
                              ConfigFileKind::Auto, none);
    std::printf("validate_structural_nginx %.1f us\n", static_cast<double>(timer.nsecsElapsed()) / rounds / 1000.0);
    return 0;
}

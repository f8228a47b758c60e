#include "core/render/environmentrender.h"

#include "core/render/configrenderer.h"
#include "core/render/renderinput.h"

#include <QCoreApplication>

namespace Dockmaster {

void EnvironmentRender::applyEdge(AppEnvironmentSpec &spec, const Edge &edge)
{
    spec.setValue(RenderField::AuthUrl, edge.authUrl);
    spec.setValue(RenderField::LoginUrl, edge.loginUrl);
    spec.setValue(RenderField::PermissionGrants, edge.grants.permissionGrantsField());
    spec.setValue(RenderField::AnonymousPaths, edge.grants.openPathsField());
}

AppEnvironmentSpec EnvironmentRender::specFor(const AppRecord &app, Environment environment, const HostRecord &host,
                                              FallbackMode fallbackMode, const Edge &edge)
{
    AppEnvironmentSpec spec = AppEnvironmentSpec::withDefaults(app.id, environment);
    const EnvironmentState *state = app.environment(environment);
    spec.setValue(RenderField::HostName, host.name);
    spec.setValue(RenderField::HostAddress, host.address);
    spec.setValue(RenderField::FallbackMode, fallbackModeKey(fallbackMode));
    if (state) {
        spec.setValue(RenderField::ContainerPort, QString::number(state->containerPort));
        spec.setValue(RenderField::FallbackPort, QString::number(state->fallbackPort));
        spec.setValue(RenderField::Domain, state->domain);
    }
    applyEdge(spec, edge);
    return spec;
}

FallbackMode EnvironmentRender::fallbackModeOf(const QStringList &repositoryFiles)
{
    const QStringList staticFiles = ConfigRenderer::filePaths(FallbackMode::StaticMaintenance);
    const QStringList phpFiles = ConfigRenderer::filePaths(FallbackMode::HardenedPhp);
    for (const QString &file : repositoryFiles) {
        if (staticFiles.contains(file) && !phpFiles.contains(file))
            return FallbackMode::StaticMaintenance;
    }
    return FallbackMode::HardenedPhp;
}

EnvironmentRender::FileResult EnvironmentRender::renderFile(const AppEnvironmentSpec &spec, const QString &path)
{
    FileResult result;
    const RenderInputResult checked = RenderInput::validate(spec);
    if (!checked.ok()) {
        QStringList messages;
        for (const FieldError &error : checked.errors)
            messages.append(error.message);
        result.error = messages.join(QLatin1Char(' '));
        return result;
    }
    const ConfigRenderer::Result rendered = ConfigRenderer::render(*checked.input);
    if (!rendered.ok()) {
        result.error = rendered.error;
        return result;
    }
    for (const RenderedFile &file : rendered.files) {
        if (file.path == path) {
            result.ok = true;
            result.content = file.content;
            return result;
        }
    }
    result.error = QCoreApplication::translate("Dockmaster::EnvironmentRender",
                                               "%1 is not made from a template, so it cannot drift.")
                       .arg(path);
    return result;
}

} // namespace Dockmaster

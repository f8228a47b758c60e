#pragma once

#include "core/render/appenvironmentspec.h"
#include "core/render/renderinput.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Dockmaster {

// One file of an environment branch of the management repo.
struct RenderedFile {
    QString path; // relative to the repo root, e.g. "conf/nginx-outer.conf"
    QByteArray content;
};

// Turns a checked RenderInput into the files of one environment branch,
// from the templates shipped as resources (:/templates). Pure and quick;
// writing to disk is separate so callers can do it off the UI thread.
class ConfigRenderer
{
public:
    struct Result {
        QList<RenderedFile> files;
        QString error; // a template problem (a bug), never bad input
        bool ok() const { return error.isEmpty(); }
    };

    struct WriteResult {
        QList<FieldError> fieldErrors;
        QString error;
        QStringList written; // relative paths
        bool ok() const { return fieldErrors.isEmpty() && error.isEmpty(); }
    };

    static Result render(const RenderInput &input);

    // Writes atomically (QSaveFile) under `directory`; the paths come from
    // render(), never from user input.
    static QString writeFiles(const QList<RenderedFile> &files, const QString &directory,
                              QStringList *written = nullptr);

    // Checks, renders and writes; when any field is refused nothing at all is
    // written.
    static WriteResult renderToDirectory(const AppEnvironmentSpec &spec, const QString &directory);

    // Relative paths a given fallback mode produces, in render order.
    static QStringList filePaths(FallbackMode mode);
};

} // namespace Dockmaster

#pragma once

#include "sandbox/platform/sandboxplatform.h"
#include "views/editor/configeditor.h"
#include "views/mainwindow.h"
#include "views/shell/shell.h"

#include <QAbstractButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

#include <memory>

namespace Dockmaster::Test {

// One Dockmaster on a fresh sandbox, with its own settings file, started.
struct SandboxSession {
    QTemporaryDir dir;
    Shell shell { optionsFor(dir) };

    SandboxSession() { shell.start(); }
    static ShellOptions optionsFor(const QTemporaryDir &dir)
    {
        ShellOptions options;
        options.sandbox = true;
        options.sandboxFactory = [] {
            return std::make_unique<SandboxPlatform>();
        };
        options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        return options;
    }
};

// The visible one among `window`'s `T`s (message boxes and dialogs closed
// earlier may not be deleted yet).
template<typename T> T *shownChild(const QWidget *window)
{
    for (T *child : window->findChildren<T *>()) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

// The button of `parent` (a dialog) showing `text`.
inline QAbstractButton *buttonNamed(const QWidget *parent, const QString &text)
{
    for (QAbstractButton *button : parent->findChildren<QAbstractButton *>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

// Opens the test configuration of `appId` through the window (Ctrl+E) and
// then `path` in it; null when either did not load within 30 seconds.
inline ConfigEditor *openConfigFile(MainWindow *window, const QString &appId, const QString &path)
{
    Q_EMIT window->openConfigRequested(appId, Environment::Test);
    auto *editor = window->editorArea()->findChild<ConfigEditor *>(QStringLiteral("editor-%1-test").arg(appId));
    if (!editor)
        return nullptr;
    QSignalSpy listed(editor, &ConfigEditor::filesListed);
    if (!listed.wait(30000))
        return nullptr;
    QSignalSpy loaded(editor, &ConfigEditor::fileLoaded);
    editor->openFile(path);
    return loaded.wait(30000) ? editor : nullptr;
}

} // namespace Dockmaster::Test

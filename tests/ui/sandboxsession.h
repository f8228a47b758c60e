#pragma once

#include "sandbox/platform/sandboxplatform.h"
#include "views/shell/shell.h"

#include <QAbstractButton>
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

} // namespace Dockmaster::Test

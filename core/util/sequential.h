#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <utility>

namespace Dockmaster {

// Runs an asynchronous step for each item, one after another in list order:
// step(item, next) starts the work for item and calls next() when it is done
// (at once or later, from a callback). After the last item, done() runs. A
// step that fails simply does not call next(): the run stops there and the
// step reports the failure its own way. Once context is destroyed nothing
// more runs. A step that calls next() synchronously does not deepen the
// stack, so long lists of cached answers are safe; a second call of the same
// next() is ignored.
template<typename T>
void forEachSequential(QObject *context, QList<T> items, std::function<void(const T &, std::function<void()>)> step,
                       std::function<void()> done)
{
    struct Run {
        QPointer<QObject> context;
        QList<T> items;
        std::function<void(const T &, std::function<void()>)> step;
        std::function<void()> done;
        qsizetype index = 0; // the next item to start
        bool looping = false;
        bool advanceAgain = false;
    };
    auto run = std::make_shared<Run>();
    run->context = context;
    run->items = std::move(items);
    run->step = std::move(step);
    run->done = std::move(done);

    // The loop owns the Run through the `next` functions it hands out, never
    // the other way round: a step whose callback is dropped frees it.
    struct Loop {
        static void advance(const std::shared_ptr<Run> &state)
        {
            if (state->looping) {
                state->advanceAgain = true; // next() from inside step(): continue in the loop below
                return;
            }
            state->looping = true;
            do {
                state->advanceAgain = false;
                if (!state->context)
                    break;
                if (state->index == state->items.size()) {
                    state->looping = false;
                    if (auto finished = std::exchange(state->done, {}))
                        finished();
                    return;
                }
                const qsizetype started = ++state->index;
                state->step(state->items.at(started - 1), [state, started] {
                    if (state->index == started)
                        advance(state);
                });
            } while (state->advanceAgain);
            state->looping = false;
        }
    };
    Loop::advance(run);
}

} // namespace Dockmaster

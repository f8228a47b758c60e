#pragma once

namespace Dockmaster {

// A panel with a filter box: Ctrl+F in the main window focuses the filter of
// whichever panel the user worked in last.
class FilterablePanel
{
public:
    virtual ~FilterablePanel() = default;
    virtual void focusFilter() = 0;
};

} // namespace Dockmaster

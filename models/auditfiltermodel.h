#pragma once

#include "models/searchfiltermodel.h"

namespace Dockmaster {

// Audit rows matching the typed words and, when set, one action.
class AuditFilterModel final : public SearchFilterModel
{
    Q_OBJECT
public:
    using SearchFilterModel::SearchFilterModel;

    void setAction(const QString &action); // empty: every action

protected:
    bool acceptsRow(const QModelIndex &firstColumn) const override;

private:
    QString m_action;
};

} // namespace Dockmaster

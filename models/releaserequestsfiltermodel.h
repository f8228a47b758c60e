#pragma once

#include "core/domain/environment.h"
#include "models/searchfiltermodel.h"

#include <optional>

namespace Dockmaster {

// Filters release requests by free text and environment.
class ReleaseRequestsFilterModel final : public SearchFilterModel
{
    Q_OBJECT
public:
    using SearchFilterModel::SearchFilterModel;

    void setEnvironment(std::optional<Environment> environment);

protected:
    bool acceptsRow(const QModelIndex &firstColumn) const override;

private:
    std::optional<Environment> m_environment;
};

} // namespace Dockmaster

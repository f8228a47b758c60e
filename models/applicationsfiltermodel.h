#pragma once

#include "core/domain/environment.h"
#include "models/searchfiltermodel.h"

#include <optional>

namespace Dockmaster {

// Filters the Applications table by free text, environment, host and status.
class ApplicationsFilterModel final : public SearchFilterModel
{
    Q_OBJECT
public:
    using SearchFilterModel::SearchFilterModel;

    void setEnvironment(std::optional<Environment> environment); // nullopt: any
    void setHost(const QString &host);                           // empty: any
    void setStatus(const QString &status);                       // empty: any

protected:
    bool acceptsRow(const QModelIndex &firstColumn) const override;

private:
    std::optional<Environment> m_environment;
    QString m_host;
    QString m_status;
};

} // namespace Dockmaster

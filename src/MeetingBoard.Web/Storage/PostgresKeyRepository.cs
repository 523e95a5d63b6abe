using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace MeetingBoard.Web.Storage;

/// <summary>
/// Data-protection keys in the shared database: sign-in, participant and antiforgery cookies are
/// protected with these keys, so every node must read the same ones.
/// </summary>
public sealed class PostgresKeyRepository(PostgresDatabase db) : IXmlRepository
{
    // The data-protection API is synchronous.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        db.MigrateAsync().GetAwaiter().GetResult();
        using var c = db.DataSource.OpenConnection();
        return c.Query<string>("SELECT xml FROM data_protection_keys").Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        db.MigrateAsync().GetAwaiter().GetResult();
        using var c = db.DataSource.OpenConnection();
        c.Execute("INSERT INTO data_protection_keys (name, xml) VALUES (@friendlyName, @xml) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}

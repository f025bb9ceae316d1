using System;
using System.Globalization;

namespace RopcAnalyzers.Inventory.Model
{
    /// <summary>Reads an approval's Expires value and compares it with the reference date.</summary>
    internal static class ApprovalExpiry
    {
        /// <summary>
        /// An approval stands through its Expires day and has expired from the next day on. Expires is an ISO 8601
        /// date ("2027-06-30"); a date and time ("2027-06-30T12:00:00Z") counts by its date.
        /// </summary>
        public static (ExpiryState State, DateOnly? Date) Evaluate(string? expires, DateOnly referenceDate)
        {
            if (expires is null)
            {
                return (ExpiryState.None, null);
            }

            if (!TryParse(expires.Trim(), out var date))
            {
                return (ExpiryState.Invalid, null);
            }

            return (referenceDate > date ? ExpiryState.Expired : ExpiryState.Active, date);
        }

        public static bool TryParse(string value, out DateOnly date)
        {
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                return true;
            }

            if (value.Length > 10 && value[10] == 'T'
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment))
            {
                date = DateOnly.FromDateTime(moment.DateTime);
                return true;
            }

            date = default;
            return false;
        }
    }
}

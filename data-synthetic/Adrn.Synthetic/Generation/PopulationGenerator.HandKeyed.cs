using System.Text.Json;
using Adrn.Synthetic.Noise;

namespace Adrn.Synthetic.Generation;

internal sealed partial class PopulationGenerator
{
    private HandKeyedNoise? _handKeyedNoise;

    /// <summary>The hand-keyed profile's corruptions, or null when the profile is off (the default).</summary>
    private HandKeyedNoise? HandKeyed =>
        _options.HandKeyed is null ? null : _handKeyedNoise ??= new HandKeyedNoise(_options.HandKeyed, _firms, Seed);

    /// <summary>Applies the hand-keyed corruptions to the employer fields (columns 8-10) of payroll row <paramref name="row"/>.</summary>
    private void CorruptHandKeyedPayrollRow(HandKeyedNoise noise, TableBatch batch, int row, int person, int firm)
    {
        var paye = batch.Text(8)[row];
        var name = batch.Text(9)[row];
        var postcode = batch.Text(10)[row];
        noise.CorruptPayrollEmployer(person, firm, ref paye, ref name, ref postcode);
        batch.Text(8)[row] = paye;
        batch.Text(9)[row] = name;
        batch.Text(10)[row] = postcode;
    }

    /// <summary>dgp.json: the hand-keyed profile's rates (nothing is written for the default profile, so its dgp.json is unchanged).</summary>
    private void WriteHandKeyedNoise(Utf8JsonWriter json)
    {
        if (_options.HandKeyed is not { } handKeyed) return;
        json.WriteString("noise_profile", NoiseProfiles.HandKeyedName);
        json.WriteStartObject("hand_keyed_noise");
        foreach (var (name, rate) in handKeyed.Rates()) json.WriteNumber(name, rate);
        json.WriteEndObject();
    }
}

<?php
/**
 * Draws the sample newsroom's pictures (PNG, with PHP GD) into tests/fixtures/conformance/images/.
 * Run once when newsroom.json gains an image; the PNGs are committed and seed.php uploads the same
 * files into WordPress, so both sources describe identical images. WordPress refuses SVG uploads by
 * default, hence raster images.
 *
 *   php8.2 scripts/wordpress/php/make-images.php
 */
$root = dirname(__DIR__, 3);
$data = json_decode(file_get_contents("$root/tests/fixtures/conformance/newsroom.json"), true, 512, JSON_THROW_ON_ERROR);
$out = "$root/tests/fixtures/conformance/images";
@mkdir($out, 0755, true);

function draw(string $file, int $w, int $h, int $seed, string $label): void {
    mt_srand($seed);
    $im = imagecreatetruecolor($w, $h);
    // Sky, sea and a horizon: a few flat bands compress to a few kilobytes.
    $sky = imagecolorallocate($im, 120 + mt_rand(0, 100), 160 + mt_rand(0, 60), 200 + mt_rand(0, 55));
    $sea = imagecolorallocate($im, 20 + mt_rand(0, 40), 60 + mt_rand(0, 60), 100 + mt_rand(0, 60));
    $sand = imagecolorallocate($im, 210, 190, 140);
    imagefilledrectangle($im, 0, 0, $w, (int) ($h * 0.55), $sky);
    imagefilledrectangle($im, 0, (int) ($h * 0.55), $w, $h, $sea);
    imagefilledrectangle($im, 0, (int) ($h * 0.85), $w, $h, $sand);
    $sun = imagecolorallocate($im, 255, 220, 120);
    imagefilledellipse($im, mt_rand((int) ($w * 0.2), (int) ($w * 0.8)), (int) ($h * 0.3), (int) ($h * 0.2), (int) ($h * 0.2), $sun);
    $ink = imagecolorallocate($im, 255, 255, 255);
    imagestring($im, 5, 12, $h - 24, $label, $ink);
    imagepng($im, $file, 9);
    imagedestroy($im);
}

/** A short foghorn (two notes, mono 8 kHz WAV): the audio block's file. */
function foghorn(string $file): void {
    $rate = 8000;
    $samples = '';
    foreach ([[110, 0.9], [0, 0.25], [98, 1.1]] as [$freq, $seconds]) {
        for ($i = 0, $n = (int) ($rate * $seconds); $i < $n; $i++) {
            $fade = min(1, $i / 400, ($n - $i) / 400);
            $samples .= pack('v', (int) (9000 * $fade * sin(2 * M_PI * $freq * $i / $rate)) & 0xFFFF);
        }
    }
    $header = 'RIFF' . pack('V', 36 + strlen($samples)) . 'WAVEfmt ' . pack('VvvVVvv', 16, 1, 1, $rate, $rate * 2, 2, 16) . 'data' . pack('V', strlen($samples));
    file_put_contents($file, $header . $samples);
}

$seed = 1;
foreach ($data['articles'] as $a) {
    if (!empty($a['image'])) draw("$out/{$a['image']['file']}", 800, 450, $seed++, $a['slug']);
}
foreach ($data['authors'] as $a) {
    if (!empty($a['avatar'])) draw("$out/{$a['avatar']}", 192, 192, $seed++, $a['slug']);
}
// Pictures and sound bodies use (the media post: image, gallery and audio blocks), drawn after the
// others so their pictures stay as they were.
foreach ($data['articles'] as $a) {
    foreach ($a['media'] ?? [] as $file) {
        if (str_ends_with($file, '.png')) draw("$out/$file", 800, 450, $seed++, pathinfo($file, PATHINFO_FILENAME));
        elseif (str_ends_with($file, '.wav')) foghorn("$out/$file");
    }
}
echo "wrote images to $out\n";

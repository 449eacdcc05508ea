//! Reading a QR code from a screenshot, as a phone camera would: the PNG Chromium rendered is
//! decoded to grey levels and handed to a QR detector, so the test reads what the page shows,
//! not the markup that drew it.

/// The text of the one QR code in `png`; panics when there is none or it does not decode.
pub fn decode(png: &[u8]) -> String {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG screenshot");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane PNG size")];
    let frame = reader.next_frame(&mut pixels).expect("PNG pixels");
    let channels = frame.color_type.samples();
    let (width, height) = (frame.width as usize, frame.height as usize);
    let grey = |x: usize, y: usize| -> u8 {
        let at = (y * width + x) * channels;
        match channels {
            1 | 2 => pixels[at],
            _ => {
                let (r, g, b) = (
                    pixels[at] as u32,
                    pixels[at + 1] as u32,
                    pixels[at + 2] as u32,
                );
                ((r * 299 + g * 587 + b * 114) / 1000) as u8
            }
        }
    };
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, grey);
    let grids = image.detect_grids();
    assert_eq!(
        grids.len(),
        1,
        "one QR code in the picture, not {}",
        grids.len()
    );
    let (_, text) = grids[0].decode().expect("the QR code decodes");
    text
}

package org.plinth.apps.sourcefinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsImagesTest {

    @TempDir
    Path dir;

    Path write(String name, Fits fits) throws Exception {
        Path p = dir.resolve(name);
        fits.write(p.toFile());
        fits.close();
        return p;
    }

    @Test
    void findsTheImageAndItsWcs() throws Exception {
        float[][] data = new float[30][40];
        data[2][3] = 8;
        Fits f = new Fits();
        BasicHDU<?> hdu = Fits.makeHDU(data);
        hdu.addValue("CTYPE1", "RA---TAN", null);
        hdu.addValue("CTYPE2", "DEC--TAN", null);
        hdu.addValue("CRVAL1", 150.0, null);
        hdu.addValue("CRVAL2", 2.0, null);
        hdu.addValue("CRPIX1", 20.0, null);
        hdu.addValue("CRPIX2", 15.0, null);
        f.addHDU(hdu);
        Path p = write("wcs.fits", f);
        FitsImageInfo info = FitsImages.inspect(p);
        assertEquals(new FitsImageInfo(0, 40, 30, 2, true), info);
        float[][] read = FitsImages.readBinned(p, info, 1);
        assertEquals(8, read[2][3]);
        float[][] binned = FitsImages.readBinned(p, info, 2);
        assertEquals(15, binned.length);
        assertEquals(20, binned[0].length);
        assertEquals(2, binned[1][1], 1e-6, "mean of the 2×2 block holding the 8");
    }

    @Test
    void anImageInAnExtensionAfterAnEmptyPrimary() throws Exception {
        Fits f = new Fits();
        f.addHDU(BasicHDU.getDummyHDU());
        f.addHDU(Fits.makeHDU(new short[10][12]));
        FitsImageInfo info = FitsImages.inspect(write("mef.fits", f));
        assertEquals(1, info.hdu());
        assertEquals(12, info.width());
        assertFalse(info.wcs());
    }

    @Test
    void degenerateAxesAreA2dImage() throws Exception {
        Fits f = new Fits();
        f.addHDU(Fits.makeHDU(new float[1][1][10][12])); // a radio image: Stokes × frequency × y × x
        Path p = write("radio.fits", f);
        FitsImageInfo info = FitsImages.inspect(p);
        assertEquals(4, info.naxis());
        assertEquals(10, FitsImages.readBinned(p, info, 1).length);
    }

    @Test
    void badFilesSayWhy() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.fits"));
        assertEquals("the file is empty", assertThrows(BadImageException.class, () -> FitsImages.inspect(empty)).getMessage());
        Path text = Files.writeString(dir.resolve("text.fits"), "hello, not an image\n".repeat(200));
        assertTrue(assertThrows(BadImageException.class, () -> FitsImages.inspect(text)).getMessage().startsWith("not a FITS file"));
        Fits cube = new Fits();
        cube.addHDU(Fits.makeHDU(new float[3][20][20]));
        Path c = write("cube.fits", cube);
        assertEquals("HDU 0 is a 3-D cube (20×20×3); the source finder needs a 2-D image",
                assertThrows(BadImageException.class, () -> FitsImages.inspect(c)).getMessage());
    }
}

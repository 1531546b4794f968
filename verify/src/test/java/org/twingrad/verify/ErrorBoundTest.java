package org.twingrad.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twingrad.scalar.Value;
import org.twingrad.scalar.nn.MLP;
import org.twingrad.tensor.Tensor;

/** The bound of {@link ErrorBound} is neither vacuous nor too tight: it holds for the engines and catches a real slip. */
class ErrorBoundTest {
    /** A 2-3-2 tanh network with MSE, one row: small enough to read, every kind of layer. */
    private static NetCase small() {
        return new NetCase(2, new int[] {3}, 2, "tanh", true, 0.01,
                new double[][] {{0.5, -1.2, 0.3, 0.9, 0.1, -0.4}, {1.1, -0.7, 0.2, 0.6, -1.3, 0.8}},
                new double[][] {{0.05, -0.1, 0.2}, {0.3, -0.2}}, 1, new double[] {1.5, -0.5}, new int[] {0},
                new double[] {0.25, -0.75});
    }

    @Test
    void theEnginesAreWithinTheBoundAndAGradientOffByOneMillionthOfAPercentIsNot() {
        NetCase c = small();
        MLP s = Engines.scalarNet(c);
        Value sl = Engines.scalarLoss(s, c);
        sl.backward();
        var t = Engines.tensorNet(c);
        Tensor tl = Engines.tensorLoss(t, c);
        tl.backward();
        double[] sg = Engines.scalarGrads(s);
        double[] tg = Engines.tensorGrads(t);
        assertDoesNotThrow(() -> ErrorBound.assertWithin(c, sl.data(), tl.item(), sg, tg));
        double[] slipped = tg.clone();
        slipped[3] *= 1 + 1e-8;
        AssertionError e = assertThrows(AssertionError.class, () -> ErrorBound.assertWithin(c, sl.data(), tl.item(), sg, slipped));
        assertTrue(e.getMessage().contains("gradient (layer by layer: W [out, in], then b)[3]"), e.getMessage());
    }

    @Test
    void theBoundGrowsWithDepthAndWidth() {
        NetCase c = small();
        ErrorBound.Magnitudes m = ErrorBound.of(c);
        // N = Σ (2·width + 8) + rows = (4 + 8) + (6 + 8) + (4 + 8) + 1.
        assertTrue(m.chain() == 39, "N = " + m.chain());
        for (int i = 0; i < m.grads().length; i++) {
            assertTrue(m.gradTolerance(i) > 0 && m.gradTolerance(i) < 1e-12, i + ": " + m.gradTolerance(i));
        }
    }

    /**
     * Issue 12, case 9: the counterexample seed 7 found after 78,315 examples under the old fixed tolerance (relative
     * 1e-12, absolute 1e-14). Gradient 23 is small by cancellation: the two engines differ by 1.2e-14, 1.28e-12 of it,
     * which the old rule rejected; the bound, scaled by the magnitude of the terms that cancelled, holds.
     */
    @Test
    void theIssuesCounterexampleFailsTheOldToleranceAndHoldsTheBound() {
        NetCase c = new NetCase(6, new int[] {5, 6, 8}, 2, "identity", true, 4.4221880598228745E-6,
                new double[][] {{-1.2994414311813183, 1.0861529063032689, 0.540083061857551, -1.370873874570168, -1.4956787182187423, -0.5874367413066639, 0.4021864338058098, 0.35146279214728854, -1.433248123586572, -0.7568271193334872, -0.13034288402113164, -0.18169936768796657, 0.24935606923500092, -0.4809645521430424, 0.8143030875657207, 1.2407766923624672, 1.0197667278038829, 0.11864500732888589, 0.5136579476554145, -0.46505338170142446, 0.6573740044769396, 0.9847721801459786, 0.7672478886603856, -0.301051199173909, -0.39531328164622676, -0.707709373423254, 0.11363143106020734, -1.3545490482813485, 0.5289204486856562, 1.371686039025037},
                        {-0.8903165134026703, 0.16666034259292822, 1.468236988206547, -1.3999967234327553, -1.177483073665644, 1.0905467627939236, -1.386264220401571, 0.6119546060389708, -0.9976345438951048, -1.2822086242358646, -0.03476357681718717, 0.0018148860572748116, -0.25744486156568575, -1.2859051070285181, -1.1170969128426433, 0.917568119817167, 0.9127729763367016, 1.1361648638379958, 0.3263369754852395, -0.21266677634536146, -0.20676309417656424, 0.3589051410457462, 1.0858574574979531, 0.4415348306830336, -1.4020571521445975, -0.3197075001592056, -0.30816928842240165, -1.4894287396776813, 1.2553146568897928, -1.0953380908101178},
                        {0.9258244832350697, -1.3706686926902398, -0.38535180131402397, -0.6239328437761777, 0.8870886279006047, -1.4850594460672921, -1.4892943319829715, -0.4284004336180932, 0.7408285763597913, -1.1648705922269647, 1.2596550168739438, 0.7440359660690733, 1.0075666766175844, 0.6543397360940633, 0.24930344374452273, 0.6951248024360587, 0.2715226246386083, -0.7700455743155482, -0.4709098269809967, -0.06221803960599248, 0.5932256726520118, 1.296321392580689, 0.23023738128692683, -0.06323719060064914, 1.3248069170432437, -0.4060937478215411, 1.431143487689933, -0.9277460649619973, 0.1199805316094451, 0.17195827203921832, 0.9080083689535003, 0.22629405079667025, -0.464474000855107, 1.0117116198594283, 0.23774323883345083, -0.16867050726049182, -1.3010719635329218, 0.257668290482903, -1.14572745879597, -0.16527336383126978, -1.093015708091169, 1.1614609752836906, -0.9197946993799695, 0.2793086502862267, 1.4747430416640013, 0.018106235398079373, 1.1065756089546328, -0.9628339608526904},
                        {1.2753499553224128, -0.4256560845738337, -0.09685325933879019, -0.22023189358595463, -0.7477496782803521, 0.3673386127411475, -0.9269780241317683, -0.9719510353948198, -0.4911637470994498, -0.44909622311515895, -0.3462650302513495, -0.8129174834048376, -0.05999270915018984, -0.4508645494929031, 1.4045903582975452, -0.5657970052606358}},
                new double[][] {{-0.14399977522768853, 1.4832685636294176, -0.5549324352281139, 0.34388332176323827, -0.7743481130585612}, {-1.2604239009121014, 0.7284956923470935, 0.38290079012704775, 0.23826040478024713, 0.25772420363606596, 0.17403262642251033}, {-1.3603360930488377, -0.91968844469721, 0.15775879517186908, -0.05189529687077238, -0.6215055746765435, 0.7133851269869379, 0.63143775600212, -1.2187586059889517}, {0.1034953409352386, -1.4941193416501912}}, 5,
                new double[] {1.9772891034398312, -1.6738298482262142, 1.698402482126767, -1.5984936420990976, 1.6566992898180093, 1.700593735661344, 1.4778087729418834, 1.0773265852014846, -1.024513127374178, 0.6106560343364649, -1.5837209544240745, -0.4446563953589846, 0.9657672249466407, 0.2290113375606504, 1.2569995837488046, -1.2714165268459552, -1.8543463386788206, 0.36414313564352696, 1.7850626600277675, -0.18768663710136435, -0.19882266818305006, -1.056775448288449, 0.7399074740958125, 1.0149613076438613, 1.1697141133121494, 1.1102972437858298, 0.12705456379950353, -1.3549290139313273, 0.9267765453909662, -1.9258855492143434},
                new int[5],
                new double[] {-0.7016665692879676, -0.851052945327009, 0.8136379818809198, -0.6789574354302037, -0.48804168154673766, 0.02469303894236674, -0.10702352609449739, 0.4952147607442914, 5.112128588736775E-4, 0.5957990717162561});
        MLP s = Engines.scalarNet(c);
        Value sl = Engines.scalarLoss(s, c);
        sl.backward();
        var t = Engines.tensorNet(c);
        Tensor tl = Engines.tensorLoss(t, c);
        tl.backward();
        double[] sg = Engines.scalarGrads(s);
        double[] tg = Engines.tensorGrads(t);
        assertThrows(AssertionError.class, () -> Compare.assertClose("gradient", sg, tg, 1e-12, 1e-14), "the old rule fails");
        assertDoesNotThrow(() -> ErrorBound.assertWithin(c, sl.data(), tl.item(), sg, tg));
    }
}
